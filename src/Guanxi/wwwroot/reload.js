// The "reload" link of the lost-connection notice (App.razor). A script file rather than a javascript: link,
// which the Content-Security-Policy forbids.
document.addEventListener('click', event => {
    if (event.target instanceof Element && event.target.closest('[data-gx-reload]')) {
        event.preventDefault();
        location.reload();
    }
});
