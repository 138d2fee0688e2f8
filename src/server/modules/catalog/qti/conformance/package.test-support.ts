import { strToU8, zipSync } from 'fflate';

/**
 * Builds QTI packages around items written by hand for the conformance suite: a manifest, and (unless
 * `test: false`) one assessment test with a duration and a cut score, so only the items decide the outcome.
 */
export interface HandItem {
  id: string;
  /** The whole item file, as an author's tool would write it. */
  xml: string | Uint8Array;
  /** Other files of the item (images), by path inside the package. */
  files?: Record<string, Uint8Array>;
}

export function qti3Package(items: HandItem[], opts: { code?: string; test?: boolean } = {}): Uint8Array {
  const code = opts.code ?? 'CONFORMITE';
  const refs = items.map((i) => `<qti-assessment-item-ref identifier="${i.id}" href="items/${i.id}.xml"/>`).join('');
  const test = `<?xml version="1.0" encoding="UTF-8"?>
<qti-assessment-test xmlns="http://www.imsglobal.org/xsd/imsqtiasi_v3p0" identifier="${code}" title="Conformité">
  <qti-outcome-declaration identifier="SCORE" cardinality="single" base-type="float"/>
  <qti-outcome-declaration identifier="MAXSCORE" cardinality="single" base-type="float"/>
  <qti-time-limits max-time="1800"/>
  <qti-test-part identifier="P" navigation-mode="nonlinear" submission-mode="simultaneous">
    <qti-assessment-section identifier="S" title="S" visible="true">${refs}</qti-assessment-section>
  </qti-test-part>
  <qti-outcome-processing>
    <qti-set-outcome-value identifier="PASS">
      <qti-gte>
        <qti-divide><qti-variable identifier="SCORE"/><qti-variable identifier="MAXSCORE"/></qti-divide>
        <qti-base-value base-type="float">0.5</qti-base-value>
      </qti-gte>
    </qti-set-outcome-value>
  </qti-outcome-processing>
</qti-assessment-test>`;
  const resources = items
    .map(
      (i) =>
        `<resource identifier="R-${i.id}" type="imsqti_item_xmlv3p0" href="items/${i.id}.xml"><file href="items/${i.id}.xml"/></resource>`,
    )
    .join('\n    ');
  const testResource =
    opts.test === false
      ? ''
      : `<resource identifier="T" type="imsqti_test_xmlv3p0" href="test.xml"><file href="test.xml"/></resource>`;
  const manifest = `<?xml version="1.0" encoding="UTF-8"?>
<manifest xmlns="http://www.imsglobal.org/xsd/qti/qtiv3p0/imscp_v1p1" identifier="M">
  <resources>
    ${testResource}
    ${resources}
  </resources>
</manifest>`;
  const files: Record<string, Uint8Array> = { 'imsmanifest.xml': strToU8(manifest) };
  if (opts.test !== false) files['test.xml'] = strToU8(test);
  for (const i of items) {
    files[`items/${i.id}.xml`] = typeof i.xml === 'string' ? strToU8(i.xml) : i.xml;
    Object.assign(files, i.files ?? {});
  }
  return zipSync(files);
}

/** A QTI 3.0 item with one choice interaction; `body` is put before the interaction, `extra` after it. */
export function choiceItem(
  id: string,
  parts: {
    cardinality?: 'single' | 'multiple';
    correct?: string[];
    mapping?: string;
    outcomes?: string;
    before?: string;
    choices?: string;
    interactionAttrs?: string;
    after?: string;
    processing?: string;
    itemLevel?: string;
    title?: string;
  } = {},
): string {
  const correct = (parts.correct ?? ['A']).map((c) => `<qti-value>${c}</qti-value>`).join('');
  return `<?xml version="1.0" encoding="UTF-8"?>
<qti-assessment-item xmlns="http://www.imsglobal.org/xsd/imsqtiasi_v3p0" identifier="${id}" title="${parts.title ?? id}" adaptive="false" time-dependent="false">
  <qti-response-declaration identifier="RESPONSE" cardinality="${parts.cardinality ?? 'single'}" base-type="identifier">
    <qti-correct-response>${correct}</qti-correct-response>${parts.mapping ?? ''}
  </qti-response-declaration>
  ${parts.outcomes ?? '<qti-outcome-declaration identifier="SCORE" cardinality="single" base-type="float"><qti-default-value><qti-value>0</qti-value></qti-default-value></qti-outcome-declaration>'}
  ${parts.itemLevel ?? ''}
  <qti-item-body>
    ${parts.before ?? '<p>Quelle réponse ?</p>'}
    <qti-choice-interaction response-identifier="RESPONSE" ${parts.interactionAttrs ?? 'max-choices="1"'}>
      ${parts.choices ?? '<qti-simple-choice identifier="A">Alpha</qti-simple-choice><qti-simple-choice identifier="B">Bravo</qti-simple-choice><qti-simple-choice identifier="C">Charlie</qti-simple-choice>'}
    </qti-choice-interaction>
    ${parts.after ?? ''}
  </qti-item-body>
  ${parts.processing ?? '<qti-response-processing template="https://purl.imsglobal.org/spec/qti/v3p0/rptemplates/match_correct.xml"/>'}
</qti-assessment-item>`;
}
