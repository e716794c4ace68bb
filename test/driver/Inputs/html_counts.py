"""Findings per check in corolint's JSON report, or in an HTML report's DOM as
headless Chromium dumped it after the page's script ran.

  html_counts.py json REPORT.json    check C N (sorted), files F, total N
  html_counts.py dom DOM.html        the same from the page: checks from the
                                     by-check view, files and total from the by-file view
  html_counts.py visible DOM.html    check C N for findings the filters leave visible,
                                     then the page's own "shown" counter
"""
import collections
import html.parser
import json
import sys


class Findings(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.section = None
        self.by_check = collections.Counter()
        self.visible = collections.Counter()
        self.file_groups = 0
        self.by_file = 0
        self.shown = None
        self._in_shown = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "section" and attrs.get("id") in ("by-check", "by-file"):
            self.section = attrs["id"]
        elif tag == "span" and attrs.get("id") == "shown":
            self._in_shown = True
        elif tag == "details" and "group" in attrs.get("class", "").split() and self.section == "by-file":
            self.file_groups += 1
        elif tag == "article" and "finding" in attrs.get("class", "").split():
            if self.section == "by-check":
                self.by_check[attrs["data-check"]] += 1
                if "hidden" not in attrs:
                    self.visible[attrs["data-check"]] += 1
            elif self.section == "by-file":
                self.by_file += 1

    def handle_endtag(self, tag):
        if tag == "section":
            self.section = None
        self._in_shown = False

    def handle_data(self, data):
        if self._in_shown:
            self.shown = data.strip()


def print_counts(per_check, files, total):
    for check in sorted(per_check):
        print("check {} {}".format(check, per_check[check]))
    print("files {}".format(files))
    print("total {}".format(total))


def main():
    mode, path = sys.argv[1], sys.argv[2]
    with open(path, encoding="utf-8") as f:
        text = f.read()
    if mode == "json":
        findings = json.loads(text)["findings"]
        per_check = collections.Counter(f["check"] for f in findings)
        print_counts(per_check, len({f.get("path", "(no file)") for f in findings}), len(findings))
        return
    page = Findings()
    page.feed(text)
    if mode == "dom":
        print_counts(page.by_check, page.file_groups, page.by_file)
    elif mode == "visible":
        for check in sorted(page.visible):
            print("check {} {}".format(check, page.visible[check]))
        print("shown {}".format(page.shown))
    else:
        sys.exit("unknown mode " + mode)


main()
