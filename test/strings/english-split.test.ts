/**
 * The drop-in's entry carries only part of English (en-core.ts: the card's strings and the error
 * sentences); the flows' own strings come with the flows chunk (en.ts). What a person reads must
 * not depend on which arrived first: a host's flow override set early still applies, and a flow
 * under a table resolved before its chunk shows every string.
 */
import { expect } from '../helpers.js';
import { enCore } from '../../src/strings/en-core.js';
import { en, withFlowStrings, type Strings } from '../../src/strings/en.js';
import { flowUiStringsEn } from '../../src/strings/en-flows.js';
import { applyOverrides } from '../../src/strings/locale.js';

/** A table as a card resolves it while only the entry's English is there. */
const coreOnly = enCore as unknown as Strings;

describe('strings: English split between the entry and the flows chunk', () => {
  it('the entry part holds no flow-only string, and the two parts make the whole table', () => {
    expect(Object.hasOwn(enCore, 'flow.device.start')).to.equal(false);
    expect(Object.hasOwn(enCore, 'flow.error.network'), 'error sentences are for status and save too').to.equal(true);
    expect(Object.keys(en).sort()).to.deep.equal([...Object.keys(enCore), ...Object.keys(flowUiStringsEn)].sort());
  });

  it('a host override of a flow string is kept before the flows’ strings arrived; unknown keys are not', () => {
    const merged = applyOverrides(coreOnly, { 'flow.device.start': 'Code, please', nope: 'x', 'flow.__proto__': 5, 'card.save': 'Keep' } as never);
    expect(merged['flow.device.start']).to.equal('Code, please');
    expect('nope' in merged).to.equal(false);
    expect(Object.getPrototypeOf(merged)).to.equal(Object.prototype);
  });

  it('a flow reads every string through withFlowStrings: the table’s own first, English for the rest', () => {
    const early = applyOverrides(coreOnly, { 'flow.device.start': 'Code, please' });
    const seen = withFlowStrings(early);
    expect(seen['flow.device.start']).to.equal('Code, please');
    expect(seen['flow.device.waiting']).to.equal(en['flow.device.waiting']);
    expect(seen['flow.error.network']).to.equal(en['flow.error.network']);
    expect(withFlowStrings(early), 'the same object for the same table (no needless re-render)').to.equal(seen);
    expect(withFlowStrings(undefined)).to.equal(en);
  });
});
