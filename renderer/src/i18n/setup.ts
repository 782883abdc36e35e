import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { type Lang, ui, type UiMessages } from '../../../shared/i18n';

const LANG_KEY = 'sohoa.lang';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: UiMessages };
  }
}

export function savedLang(): Lang {
  return localStorage.getItem(LANG_KEY) === 'en' ? 'en' : 'vi';
}

export function setLang(lang: Lang): void {
  localStorage.setItem(LANG_KEY, lang);
  document.documentElement.lang = lang;
  void i18next.changeLanguage(lang);
}

export function setupI18n(): typeof i18next {
  const lang = savedLang();
  document.documentElement.lang = lang;
  void i18next.use(initReactI18next).init({
    resources: { vi: { translation: ui.vi }, en: { translation: ui.en } },
    lng: lang,
    fallbackLng: 'vi',
    interpolation: { escapeValue: false },
    returnNull: false,
    showSupportNotice: false,
  });
  return i18next;
}
