import { useSyncExternalStore } from 'react';
import { clearToken, getToken, subscribeToken } from '../api/session.ts';
import { SignInPage } from '../auth/SignInPage.tsx';
import { JourneyPage } from '../journey/JourneyPage.tsx';
import { JourneysPage } from '../journeys/JourneysPage.tsx';
import { ExperimentPage } from '../journeyExperiments/ExperimentPage.tsx';
import { ExperimentsPage } from '../journeyExperiments/ExperimentsPage.tsx';
import { Logo } from './Logo.tsx';
import { routeHref, type Route } from './route.ts';
import { useRoute } from './useRoute.ts';

function Screen({ route }: { route: Route }) {
  switch (route.name) {
    case 'journeys':
      return <JourneysPage />;
    case 'journey':
      return <JourneyPage key={route.id} journeyId={route.id} />;
    case 'experiments':
      return <ExperimentsPage />;
    case 'experiment':
      return <ExperimentPage key={route.id} experimentId={route.id} />;
    default: {
      const unreachable: never = route;
      return unreachable;
    }
  }
}

/** Sign-in gate, then the screen the hash names. A 401 from any call clears the token and lands back here. */
export function App() {
  const token = useSyncExternalStore(subscribeToken, getToken);
  const route = useRoute();
  if (!token) return <SignInPage />;

  return (
    <div className="app">
      <header className="topbar">
        <a className="topbar__brand" href={routeHref({ name: 'journeys' })}>
          <Logo />
          <span>Waymark</span>
        </a>
        <nav className="topbar__nav" aria-label="Main">
          <a href={routeHref({ name: 'journeys' })} aria-current={route.name === 'journeys' ? 'page' : undefined}>
            Journeys
          </a>
          <a href={routeHref({ name: 'experiments' })} aria-current={route.name === 'experiments' || route.name === 'experiment' ? 'page' : undefined}>
            Experiments
          </a>
        </nav>
        <button type="button" className="btn btn--ghost btn--small" onClick={() => clearToken()}>
          Sign out
        </button>
      </header>
      <main className="app__main">
        <Screen route={route} />
      </main>
    </div>
  );
}
