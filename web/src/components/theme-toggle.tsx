import { useEffect, useState } from 'react';

type Theme = 'light' | 'dark';
const themeKey = 'palisade.theme';

function initialTheme(): Theme {
  const saved = localStorage.getItem(themeKey);
  if (saved === 'light' || saved === 'dark') {
    return saved;
  }
  return window.matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

/** Light or dark, following the system until the user picks one. */
export function ThemeToggle() {
  const [theme, setTheme] = useState<Theme>(initialTheme);
  useEffect(() => {
    document.documentElement.dataset['theme'] = theme;
  }, [theme]);
  const next: Theme = theme === 'dark' ? 'light' : 'dark';
  return (
    <button
      type="button"
      aria-label={`Switch to the ${next} theme`}
      onClick={() => {
        localStorage.setItem(themeKey, next);
        setTheme(next);
      }}
    >
      {theme === 'dark' ? 'Light' : 'Dark'} theme
    </button>
  );
}
