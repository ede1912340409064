"""Every relative link of every Markdown file of the repository resolves inside it.

Follows each inline link and image (`[text](target)`, `![alt](target)`) and each reference definition
(`[name]: target`) outside code blocks and code spans. A link with a scheme (`https:`, `mailto:`) is not followed.
Every other link must name a file or directory that exists inside the repository (a clone has nothing beside it,
so a link that climbs out of it fails), and an anchor (`#http-behaviour`) must name a heading of the Markdown file
it points into, spelt as GitHub spells heading anchors. The README stays a door of at most 200 lines
(docs/conventions.md, "READMEs").

Usage: python3 scripts/lib/check_doc_links.py [ROOT]. Before checking the repository it checks itself on a small
tree with one good link and one link of each kind it must refuse, so a checker that flags nothing fails too.
"""
import os
import re
import subprocess
import sys
import tempfile

README_MAX_LINES = 200
SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
INLINE = re.compile(r"!?\[(?:[^\]\\]|\\.)*\]\(\s*<?([^)\s>]*)>?(?:\s+\"[^\"]*\")?\s*\)")
REFERENCE = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s.*)?$")
CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+?\1")
SKIPPED_DIRS = {".git", "target", ".tools", ".aws-sam", "node_modules", ".venv"}


def markdown_files(root):
    try:
        listed = subprocess.run(["git", "ls-files", "-co", "--exclude-standard", "*.md"], cwd=root, check=True,
                                capture_output=True, text=True).stdout.split()
        return sorted(p for p in listed if not SKIPPED_DIRS.intersection(p.split("/")) and
                      os.path.isfile(os.path.join(root, p)))
    except (OSError, subprocess.CalledProcessError):
        found = []
        for directory, dirs, files in os.walk(root):
            dirs[:] = [d for d in dirs if d not in SKIPPED_DIRS]
            found += [os.path.relpath(os.path.join(directory, f), root) for f in files if f.endswith(".md")]
        return sorted(found)


def prose_lines(text, keep_code_spans=False):
    """The lines outside fenced code blocks, with their numbers, code spans blanked unless kept."""
    fence = None
    for number, line in enumerate(text.split("\n"), 1):
        opening = re.match(r"^\s{0,3}(`{3,}|~{3,})", line)
        if opening:
            marker = opening.group(1)
            if fence is None:
                fence = marker
            elif marker[0] == fence[0] and len(marker) >= len(fence):
                fence = None
            continue
        if fence is None:
            yield number, line if keep_code_spans else CODE_SPAN.sub("", line)


def slug(heading):
    """GitHub's anchor of a heading: lower case, punctuation dropped, spaces as hyphens."""
    text = re.sub(r"<[^>]+>", "", heading).strip().lower()
    text = re.sub(r"[^\w\- ]", "", text)
    return text.replace(" ", "-")


def anchors(path, cache={}):
    if path not in cache:
        seen, found = {}, set()
        with open(path, encoding="utf-8") as f:
            for _, line in prose_lines(f.read(), keep_code_spans=True):
                match = re.match(r"^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$", line)
                if match:
                    base = slug(match.group(1).replace("`", ""))
                    count = seen.get(base, 0)
                    seen[base] = count + 1
                    found.add(base if count == 0 else f"{base}-{count}")
        cache[path] = found
    return cache[path]


def link_targets(text):
    for number, line in prose_lines(text):
        for match in INLINE.finditer(line):
            yield number, match.group(1)
        reference = REFERENCE.match(line)
        if reference:
            yield number, reference.group(1)


def problems(root):
    root = os.path.realpath(root)
    found = []
    for relative in markdown_files(root):
        source = os.path.join(root, relative)
        with open(source, encoding="utf-8") as f:
            text = f.read()
        for number, target in link_targets(text):
            if not target or SCHEME.match(target):
                continue
            where = f"{relative}:{number}: {target}"
            path, _, anchor = target.partition("#")
            if path.startswith("/"):
                resolved = os.path.realpath(os.path.join(root, path.lstrip("/")))
            else:
                resolved = os.path.realpath(os.path.join(os.path.dirname(source), path)) if path else source
            if resolved != root and not resolved.startswith(root + os.sep):
                found.append(f"{where}: leaves the repository")
            elif not os.path.exists(resolved):
                found.append(f"{where}: no such file")
            elif anchor and resolved.endswith(".md") and anchor.lower() not in anchors(resolved):
                found.append(f"{where}: no heading with this anchor")
    readme = os.path.join(root, "README.md")
    if os.path.isfile(readme):
        with open(readme, encoding="utf-8") as f:
            lines = f.read().count("\n")
        if lines > README_MAX_LINES:
            found.append(f"README.md: {lines} lines, more than {README_MAX_LINES}: move reference material under docs/")
    return found


def self_check():
    """The checker refuses each kind of broken link on a small tree, and accepts the good ones."""
    with tempfile.TemporaryDirectory() as top:
        repo = os.path.join(top, "repo")
        os.makedirs(os.path.join(repo, "docs"))
        with open(os.path.join(top, "outside.md"), "w") as f:
            f.write("# Outside\n")
        with open(os.path.join(repo, "docs", "a.md"), "w") as f:
            f.write("# A\n\n## HTTP behaviour\n\nBack to [the door](../README.md), [here](#http-behaviour).\n"
                    "```\n[in a code block](missing-in-code.md)\n```\nand `[in a span](missing-in-span.md)`.\n")
        with open(os.path.join(repo, "README.md"), "w") as f:
            f.write("# Door\n\n[good](docs/a.md#http-behaviour) [web](https://example.com/x) "
                    "[missing](docs/missing.md) [outside](../outside.md) [bad anchor](docs/a.md#nowhere)\n"
                    "[ref]: docs/also-missing.md\n")
        flagged = problems(repo)
        expected = ["docs/missing.md: no such file", "../outside.md: leaves the repository",
                    "docs/a.md#nowhere: no heading with this anchor", "docs/also-missing.md: no such file"]
        unexpected = [p for p in flagged if not any(p.endswith(e) for e in expected)]
        missed = [e for e in expected if not any(p.endswith(e) for p in flagged)]
        if unexpected or missed:
            sys.exit(f"check_doc_links: the self-check failed: flagged {unexpected} wrongly, missed {missed}")


def main():
    self_check()
    root = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
    found = problems(root)
    for problem in found:
        print(problem, file=sys.stderr)
    if found:
        sys.exit(f"check_doc_links: {len(found)} broken link(s) in the repository's Markdown")
    print("every relative link of every Markdown file resolves inside the repository")


if __name__ == "__main__":
    main()
