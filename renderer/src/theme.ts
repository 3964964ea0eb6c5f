/**
 * The app's Mantine theme, held to WCAG AA contrast (the axe gate in the end-to-end tests): the
 * primary blue two shades deeper than Mantine's default, dimmed text darker in light mode and lighter
 * in dark mode, light-variant badges on the palest shade with dark enough text, and every close button named.
 */
import { Alert, createTheme, Drawer, Menu, Modal, type CSSVariablesResolver } from '@mantine/core';

export const theme = createTheme({
  primaryColor: 'blue',
  primaryShade: { light: 8, dark: 8 },
  defaultRadius: 'sm',
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
  components: {
    Modal: Modal.extend({ defaultProps: { closeButtonProps: { 'aria-label': 'Close dialog' } } }),
    Drawer: Drawer.extend({ defaultProps: { closeButtonProps: { 'aria-label': 'Close dialog' } } }),
    Alert: Alert.extend({ defaultProps: { closeButtonLabel: 'Dismiss' } }),
    // Mantine's focus placeholder is a focusable child that a menu may not hold (ARIA); the first item takes focus instead.
    Menu: Menu.extend({ defaultProps: { withInitialFocusPlaceholder: false } }),
  },
});

/** Hues whose darkest Mantine shade is still too light for text on a pale background. */
const DARKER_TEXT: Record<string, string> = { yellow: '#6e4500', orange: '#8a3400', lime: '#3b5a08' };

/** Light mode: light-variant badges and buttons on the palest background, and coloured text dark enough on any row. */
const lightVariants = (t: Parameters<CSSVariablesResolver>[0]) =>
  Object.fromEntries(
    Object.entries(t.colors).flatMap(([name, shades]) => [
      [`--mantine-color-${name}-light`, shades[0]!],
      [`--mantine-color-${name}-light-hover`, shades[1]!],
      [`--mantine-color-${name}-light-color`, DARKER_TEXT[name] ?? shades[9]!],
      // Coloured text ("blocked: …" in red) on striped and tinted rows too.
      [`--mantine-color-${name}-text`, DARKER_TEXT[name] ?? shades[9]!],
    ]),
  );

export const cssVariablesResolver: CSSVariablesResolver = (t) => ({
  variables: {},
  light: { '--mantine-color-dimmed': t.colors.gray[7]!, '--mantine-color-placeholder': t.colors.gray[6]!, ...lightVariants(t) },
  dark: { '--mantine-color-dimmed': t.colors.dark[1]!, '--mantine-color-placeholder': t.colors.dark[1]! },
});
