"""Spreadsheet exports are formula-safe: one rule for every CSV the admin hands out.

A spreadsheet opens a CSV cell that starts with ``=``, ``+``, ``-`` or ``@`` (and, in some
programs, a tab or carriage return followed by one) as a formula. People choose their own names,
so a mentor called ``=HYPERLINK("http://x","y")`` would otherwise become a live link in the
coordinator's roster. OWASP's advice (CSV Injection) is to prefix such a cell with a single
quote, which spreadsheets show as text; :func:`formula_safe` does exactly that and nothing else.

Every CSV export goes through Wagtail's ``SpreadsheetExportMixin.write_csv_row``: our reports
and viewsets, and Wagtail's own (Site history shows people's names, Aging pages the last
publisher). Wagtail's own report views are mounted by ``wagtail.admin.urls`` and cannot be
subclassed from here, so :func:`install` (called once from ``CmsConfig.ready``) makes that one
method formula-safe for all of them through ``cms.compat.install_csv_export_patch``; a view
added later is covered without remembering a mixin.
XLSX needs nothing: Wagtail already stores a formula-looking value as a text cell.
"""

from cms.compat import install_csv_export_patch

#: What a cell must not start with (OWASP CSV Injection).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def formula_safe(value):
    """``value`` with a leading ``'`` when it is text a spreadsheet would read as a formula.

    Numbers (including negative ones) are not text and stay numbers; other text is unchanged.
    """
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def write_csv_row(self, writer, row_dict):
    """Wagtail's ``write_csv_row`` with every preprocessed cell passed through
    :func:`formula_safe`."""
    return writer.writerow(
        {
            field: formula_safe(self.preprocess_field_value(field, value, self.FORMAT_CSV))
            for field, value in row_dict.items()
        }
    )


def install() -> None:
    """Make every CSV export formula-safe (idempotent)."""
    install_csv_export_patch(write_csv_row)
