// "Connect to your store hub": IT types or pastes the code the hub printed. Spaces, dashes and
// capitals do not matter; every refusal is said in plain words with what to do next.
import { useEffect, useRef, useState } from 'react';
import { useSetupStore } from '../stores/setupStore';
import { Icon } from '../ui/Icon';
import { Notice } from '../ui/Notice';
import { PROBLEM_TITLES } from './problemTitles';

export function ConnectForm({ onBack }: { onBack: () => void }) {
  const { busy, problem, enrol, clearProblem } = useSetupStore();
  const [code, setCode] = useState('');
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => input.current?.focus(), []);

  return (
    <form
      className="setup-connect"
      aria-labelledby="connect-title"
      data-testid="setup-connect"
      onSubmit={(e) => {
        e.preventDefault();
        if (code.trim()) void enrol(code);
      }}
    >
      <button type="button" className="button button-ghost setup-back" onClick={() => (clearProblem(), onBack())} disabled={busy !== null}>
        <Icon name="back" /> Back
      </button>
      <div>
        <h1 id="connect-title" className="login-title">
          Connect to your store hub
        </h1>
        <p className="login-subtitle">Type the enrolment code IT printed for this store. Spaces, dashes and capitals do not matter.</p>
      </div>

      <div className="field">
        <label className="field-label" htmlFor="enrol-code">
          Enrolment code
        </label>
        <input
          id="enrol-code"
          ref={input}
          className="text-input setup-code"
          value={code}
          onChange={(e) => setCode(e.target.value)}
          placeholder="7KQ2-9XRT-M4PA-ZC8D-1H6W-QF3N-YB5E@192.168.1.20"
          autoCapitalize="characters"
          autoComplete="off"
          autoCorrect="off"
          spellCheck={false}
          maxLength={400}
          aria-invalid={problem ? true : undefined}
          aria-describedby="enrol-code-help"
          data-testid="enrol-code"
        />
        <p id="enrol-code-help" className="setup-help">
          7 groups of 4 letters and digits, then @ and the hub’s address. IT prints it on the hub with{' '}
          <code>npm run hub -- device enrol --store S1</code>.
        </p>
      </div>

      {problem ? (
        <Notice tone="error" title={PROBLEM_TITLES[problem.reason]} testId="enrol-problem">
          <span data-reason={problem.reason}>{problem.message}</span>
        </Notice>
      ) : null}

      <div className="setup-actions">
        <button type="submit" className="button button-primary button-lg" disabled={busy !== null || !code.trim()} data-testid="enrol-submit">
          {busy === 'enrol' ? 'Connecting…' : 'Connect'}
        </button>
      </div>
      <p className="setup-note">
        <Icon name="shield" size={16} /> A code works once, for 15 minutes. The register checks that the hub is the one that made the code before it sends anything.
      </p>
    </form>
  );
}
