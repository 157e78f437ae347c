import { expect } from '../helpers.js';
import { getPath, setPath, isMasked, MASK } from '../../src/api-client/config-paths.js';

describe('config paths', () => {
  it('reads and writes dotted paths', () => {
    const cfg = setPath({}, 'tautulli.history.user_id', '7');
    expect(getPath(cfg, 'tautulli.history.user_id')).to.equal('7');
    expect(getPath(cfg, 'tautulli.missing.x')).to.equal(undefined);
  });
  it('recognises masks', () => {
    expect(isMasked(MASK)).to.equal(true);
    expect(isMasked('***')).to.equal(true);
    expect(isMasked('abc')).to.equal(false);
    expect(isMasked('')).to.equal(false);
  });
});
