import type { Segment } from '../../../core/contract/index';
import { segmentLabel } from '../format/labels';

export function SegmentBadge({ segment, size = 'md' }: { segment: Segment; size?: 'md' | 'lg' }) {
  return (
    <span className={`badge segment segment-${segment} badge-${size}`} data-segment={segment}>
      {segmentLabel[segment]}
    </span>
  );
}
