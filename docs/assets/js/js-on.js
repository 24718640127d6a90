/* Loaded in <head>, before the page is drawn: tells the stylesheet that scripts run, so that
 * what a script will show (the project filter) keeps its place from the first paint (no jump). */
document.documentElement.classList.add("dx-js");
