// First start: a register with no data and no hub asks what it runs on. The demo is only ever
// made here, by choice; a store's register connects to its hub with the code IT gives.
import { useState } from 'react';
import { LoginAside } from '../login/LoginAside';
import { useSetupStore } from '../stores/setupStore';
import { Icon, type IconName } from '../ui/Icon';
import { Notice } from '../ui/Notice';
import { ConnectForm } from './ConnectForm';
import { PROBLEM_TITLES } from './problemTitles';

export function SetupScreen() {
  const [connecting, setConnecting] = useState(false);
  const problem = useSetupStore((s) => s.problem);

  return (
    <div className="login">
      <LoginAside storeName="Not set up yet" registerId="—" foot="This is asked once. A register connected to its store hub keeps working offline and sends everything when it is back." />
      <main className="login-main">
        {connecting ? (
          <ConnectForm onBack={() => setConnecting(false)} />
        ) : (
          <section className="setup" aria-labelledby="setup-title" data-testid="setup-choice">
            <div>
              <h1 id="setup-title" className="login-title">
                Set up this register
              </h1>
              <p className="login-subtitle">What should it run on?</p>
            </div>
            <SetupChoices
              onConnect={() => setConnecting(true)}
              hubText="For a register in a store. Enter the code IT gives you; the register copies the store’s products, stock, customers and staff from the hub."
              demoTitle="Try the demo store"
              demoText="A sample outdoor retailer with three stores and thousands of customers, to explore the app. Its PINs are public and nothing is sent anywhere."
            />
            {problem ? <Notice tone="error" title={PROBLEM_TITLES[problem.reason]}>{problem.message}</Notice> : null}
          </section>
        )}
      </main>
    </div>
  );
}

/** The two ways forward for a register with nothing to lose: its store hub, or the demo. */
export function SetupChoices(props: { onConnect: () => void; hubText: string; demoTitle: string; demoText: string }) {
  const { busy, chooseDemo } = useSetupStore();
  return (
    <div className="setup-options">
      <SetupOption icon="link" title="Connect to your store hub" testId="choose-hub" disabled={busy !== null} onClick={props.onConnect}>
        {props.hubText}
      </SetupOption>
      <SetupOption icon="sparkle" title={busy === 'demo' ? 'Building the demo store…' : props.demoTitle} testId="choose-demo" disabled={busy !== null} onClick={() => void chooseDemo()}>
        {props.demoText}
      </SetupOption>
    </div>
  );
}

function SetupOption(props: { icon: IconName; title: string; children: string; testId: string; disabled: boolean; onClick: () => void }) {
  return (
    <button type="button" className="setup-option" onClick={props.onClick} disabled={props.disabled} data-testid={props.testId}>
      <span className="setup-option-icon">
        <Icon name={props.icon} size={26} />
      </span>
      <span className="setup-option-text">
        <span className="setup-option-title">{props.title}</span>
        <span className="setup-option-body">{props.children}</span>
      </span>
      <Icon name="chevron" size={22} className="setup-option-chevron" />
    </button>
  );
}
