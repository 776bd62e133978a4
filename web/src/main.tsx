import { render } from 'preact';
import { LocationProvider, Route, Router } from 'preact-iso';
import './styles.css';
import { preload, session } from './api';
import { DistrictMatrixQuery } from './operations';
import { SignedIn } from './viewer';
import { DistrictView } from './views/district';
import { GapsView } from './views/gaps';
import { HomeView } from './views/home';
import { ReviewView } from './views/review';
import { UnitYearView } from './views/unit-year';

function NotFound() {
  return (
    <p>
      没有这个页面。<a href="/app/">返回首页</a>
    </p>
  );
}

function App() {
  return (
    <LocationProvider scope="/app">
      <SignedIn>
        <Router>
          <Route path="/app/" component={HomeView} />
          <Route path="/app" component={HomeView} />
          <Route path="/app/district/:unitId/:year" component={DistrictView} />
          <Route path="/app/unit/:unitId/:year" component={UnitYearView} />
          <Route path="/app/review/:unitId/:year" component={ReviewView} />
          <Route path="/app/gaps/:unitId/:year" component={GapsView} />
          <Route default component={NotFound} />
        </Router>
      </SignedIn>
    </LocationProvider>
  );
}

// The heat-map's one request starts at once, beside the sign-in check, not after it.
const district = /^\/app\/district\/([^/]+)\/(\d+)\/?$/.exec(location.pathname);
const [, parentUnitId, year] = district ?? [];
if (parentUnitId !== undefined && (session.token() || session.anonymous())) {
  preload(DistrictMatrixQuery, { parentUnitId: decodeURIComponent(parentUnitId), year: Number(year) });
}

render(<App />, document.getElementById('app') as HTMLElement);
