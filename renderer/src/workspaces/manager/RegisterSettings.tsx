// This register's settings, for its manager: which updates it installs (stable releases only,
// or early beta releases too), and the chain's PIN and sign-out rules as the register knows them.
import { useEffect, useState } from 'react';
import type { SecuritySettingsView } from '../../../../core/contract/index';
import { api } from '../../bridge';
import { useShellStore } from '../../stores/shellStore';
import { Notice } from '../../ui/Notice';

const CHANNELS: { id: SecuritySettingsView['updateChannel']; label: string; help: string }[] = [
  { id: 'stable', label: 'Stable', help: 'Releases every store runs. Recommended for registers at the till.' },
  { id: 'beta', label: 'Beta', help: 'Early releases, a week or two before everyone else, for a pilot register.' },
];

export function RegisterSettings() {
  const [settings, setSettings] = useState<SecuritySettingsView | null>(null);
  const [message, setMessage] = useState<{ tone: 'info' | 'error'; text: string } | null>(null);
  const [saving, setSaving] = useState(false);
  const desktop = useShellStore((s) => s.desktop);

  useEffect(() => {
    void api.call('security.settings', {}).then((r) => (r.ok ? setSettings(r.value) : setMessage({ tone: 'error', text: r.error.message })));
  }, []);

  const choose = async (channel: SecuritySettingsView['updateChannel']) => {
    setSaving(true);
    const r = await api.call('security.setUpdateChannel', { channel });
    setSaving(false);
    if (r.ok) {
      setSettings(r.value);
      setMessage({ tone: 'info', text: `This register now installs ${channel === 'beta' ? 'beta and stable' : 'stable'} releases.` });
    } else setMessage({ tone: 'error', text: r.error.message });
  };

  return (
    <section className="page register-settings" data-testid="register-settings">
      <header className="dashboard-head">
        <div>
          <h1 className="page-title">Register</h1>
          <p className="page-subtitle">How this register updates itself, and the sign-in rules it applies.</p>
        </div>
      </header>
      {message ? <Notice tone={message.tone} title={message.text} testId="settings-message" /> : null}
      <fieldset className="panel settings-group" disabled={!settings || saving}>
        <legend className="settings-legend">Update channel</legend>
        <p className="settings-note">
          Updates download in the background and are checked before they are offered; the register restarts into one only when someone chooses to, between sales.
          {desktop ? null : ' (This browser window is not the desktop app: it does not update itself.)'}
        </p>
        {CHANNELS.map((c) => (
          <label key={c.id} className="settings-choice">
            <input type="radio" name="update-channel" value={c.id} checked={settings?.updateChannel === c.id} onChange={() => void choose(c.id)} data-testid={`channel-${c.id}`} />
            <span>
              <span className="settings-choice-label">{c.label}</span>
              <span className="settings-choice-help">{c.help}</span>
            </span>
          </label>
        ))}
      </fieldset>
      {settings ? (
        <dl className="panel settings-facts">
          <div>
            <dt>New PINs</dt>
            <dd>{settings.pinLength} digits</dd>
          </div>
          <div>
            <dt>Sign out after</dt>
            <dd>{settings.idleLogoutMinutes} minutes without activity</dd>
          </div>
        </dl>
      ) : null}
    </section>
  );
}
