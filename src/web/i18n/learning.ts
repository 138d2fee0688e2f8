export default {
  fr: {},
  en: {},
};
