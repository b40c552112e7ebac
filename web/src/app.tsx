import { Suspense, useState } from 'react';
import { storedToken, storeToken } from './api.js';
import { ThemeToggle } from './components/theme-toggle.js';
import { home, pages } from './pages.js';
import { SignInPage } from './pages/sign-in.js';
import { navigate, useLocation } from './router.js';

/** The page a path belongs to: its first segment. */
function section(location: URL): string {
  return `/${location.pathname.split('/')[1] ?? ''}`;
}

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
  const Current = (pages.find((page) => page.path === section(location)) ?? home).component;
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
          {pages.map(({ path, label }) => (
            <a
              key={path}
              href={path}
              aria-current={section(location) === path ? 'page' : undefined}
              onClick={(event) => {
                event.preventDefault();
                navigate(path);
              }}
            >
              {label}
            </a>
          ))}
        </nav>
        <div className="topbar-actions">
          <ThemeToggle />
          <button type="button" onClick={signOut}>
            Sign out
          </button>
        </div>
      </header>
      <main>
        <Suspense fallback={<p className="muted">Loading…</p>}>
          <Current location={location} onUnauthorized={signOut} />
        </Suspense>
      </main>
    </div>
  );
}
