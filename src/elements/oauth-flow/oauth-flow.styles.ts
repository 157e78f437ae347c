import { css } from 'lit';

export default css`.continue{justify-self:start}`;
