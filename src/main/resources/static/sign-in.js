// Keeps the part of the address after '#' (a plan or an execution, e.g. #plan-5) across
// signing in: the browser brought it to this page through the redirect, but a form's POST
// drops it unless its action carries it, and the redirect back then inherits it.
const form = document.querySelector('form.sign-in-form');
if (form && /^#[A-Za-z0-9-]+$/.test(window.location.hash)) {
  form.action = '/login' + window.location.hash;
}
