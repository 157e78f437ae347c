// Preact: the cw-* tags in Preact's JSX.IntrinsicElements.
import type {} from 'cw-auth-elements/preact';
