export { default } from '@floe/eslint-config';
