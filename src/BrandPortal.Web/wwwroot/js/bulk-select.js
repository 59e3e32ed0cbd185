// "Select all on this page" for the Customer Reviews bulk bar. Optional: without script the checkboxes and the
// "all matching" box do the same, one click each.
(function () {
    var button = document.getElementById('bulk-page');
    if (!button) return;
    button.hidden = false;
    button.addEventListener('click', function () {
        var boxes = document.querySelectorAll('input.bulk-select[form="bulk"]');
        var all = Array.prototype.every.call(boxes, function (b) { return b.checked; });
        Array.prototype.forEach.call(boxes, function (b) { b.checked = !all; });
        button.textContent = all ? 'Select all on this page' : 'Clear this page';
    });
})();
