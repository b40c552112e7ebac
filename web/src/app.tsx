import { useState } from 'react';
import { storedToken, storeToken } from './api.js';
import { ThemeToggle } from './components/theme-toggle.js';
import { OverviewPage } from './pages/overview.js';
import { SignInPage } from './pages/sign-in.js';
import { navigate, useLocation } from './router.js';

/** The shell: sign-in until a token is stored, then the navigation and the page the path names. */
export function App() {
  const location = useLocation();
  const [token, setToken] = useState(storedToken);

  if (token === undefined) {
    return (
      <SignInPage
        onSignedIn={(accepted) => {
          storeToken(accepted);
          setToken(accepted);
        }}
      />
    );
  }
  const signOut = () => {
    storeToken(undefined);
    setToken(undefined);
    navigate('/');
  };
  return (
    <div className="shell">
      <header className="topbar">
        <a
          className="brand"
          href="/"
          onClick={(event) => {
            event.preventDefault();
            navigate('/');
          }}
        >
          Palisade
        </a>
        <nav aria-label="Pages">
          <a href="/" aria-current={location.pathname === '/' ? 'page' : undefined}>
            Overview
          </a>
        </nav>
        <div className="topbar-actions">
          <ThemeToggle />
          <button type="button" onClick={signOut}>
            Sign out
          </button>
        </div>
      </header>
      <main>
        <OverviewPage onUnauthorized={signOut} />
      </main>
    </div>
  );
}
