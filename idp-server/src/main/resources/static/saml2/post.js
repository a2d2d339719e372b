// Sends the SAML message on to the service provider as soon as the page loads (HTTP-POST
// binding). A file, not an inline script: the content security policy allows only 'self'.
document.addEventListener('DOMContentLoaded', function () {
  var form = document.getElementById('saml-post');
  if (form) {
    form.submit();
  }
});
