// React 19: the cw-* tags in React's JSX.IntrinsicElements.
import type {} from 'cw-auth-elements/react';
