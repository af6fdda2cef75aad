// Number 7 belongs to another branch; this empty step keeps 008 at its position until the
// branches meet, when that branch's migration replaces this file.
export const up = /* sql */ ``;
