/** What differs between the two QTI versions Vigie reads and writes, besides element spelling (see xml.ts). */
export type QtiVersion = '2.1' | '3.0';

export const QTI = {
  '2.1': {
    itemNs: 'http://www.imsglobal.org/xsd/imsqti_v2p1',
    itemSchema: 'http://www.imsglobal.org/xsd/qti/qtiv2p1/imsqti_v2p1p2.xsd',
    manifestNs: 'http://www.imsglobal.org/xsd/imscp_v1p1',
    manifestSchema:
      'http://www.imsglobal.org/xsd/imscp_v1p1 http://www.imsglobal.org/xsd/qti/qtiv2p1/qtiv2p1_imscpv1p2_v1p0.xsd',
    schemaVersion: '2.1',
    testType: 'imsqti_test_xmlv2p1',
    itemType: 'imsqti_item_xmlv2p1',
  },
  '3.0': {
    itemNs: 'http://www.imsglobal.org/xsd/imsqtiasi_v3p0',
    itemSchema: 'https://purl.imsglobal.org/spec/qti/v3p0/schema/xsd/imsqti_asiv3p0_v1p0.xsd',
    manifestNs: 'http://www.imsglobal.org/xsd/qti/qtiv3p0/imscp_v1p1',
    manifestSchema:
      'http://www.imsglobal.org/xsd/qti/qtiv3p0/imscp_v1p1 https://purl.imsglobal.org/spec/qti/v3p0/schema/xsd/imsqtiv3p0_imscpv1p2_v1p0.xsd',
    schemaVersion: '3.0.0',
    testType: 'imsqti_test_xmlv3p0',
    itemType: 'imsqti_item_xmlv3p0',
  },
} as const;

export const LOM_NS = 'http://ltsc.ieee.org/xsd/LOM';
export const XSI_NS = 'http://www.w3.org/2001/XMLSchema-instance';

/** Marks a true/false item (a single choice between « Vrai » and « Faux ») on its choice interaction. */
export const TRUE_FALSE_CLASS = 'vigie-true-false';

/** Where things go in a package Vigie writes. */
export const paths = {
  manifest: 'imsmanifest.xml',
  test: 'assessment.xml',
  item: (id: string) => `items/${id}.xml`,
  image: (id: string, ext: string) => `images/${id}.${ext}`,
};
