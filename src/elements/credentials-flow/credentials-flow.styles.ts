import { css } from 'lit';

export default css`:host([disabled]) .button--primary{cursor:not-allowed}`;
