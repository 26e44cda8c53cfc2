// Runs before the page is painted, so that styles for enhanced components
// apply from the start (GOV.UK Frontend keys them off these classes).
document.body.className +=
  ' js-enabled' +
  ('noModule' in HTMLScriptElement.prototype ? ' govuk-frontend-supported' : '');
