/** The sign-in page's path. French, like the other paths people see in the address bar. */
export const SIGN_IN_PATH = 'connexion';
