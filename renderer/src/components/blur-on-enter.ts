import type { KeyboardEvent } from 'react';

/** Enter in a field saved on leaving it saves it as leaving does. */
export const blurOnEnter = (e: KeyboardEvent<HTMLInputElement>) => e.key === 'Enter' && e.currentTarget.blur();
