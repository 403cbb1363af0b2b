"""Review and correct a build in the browser: ``stancegraph review OUTDIR``.

The extraction proposes, the analyst confirms or corrects, and every action is
an entry of the curation file that every later build applies again
(:mod:`stancegraph.extract.curation`). The review shows the build's tables with
that file applied, worked out again after each action without parsing any
text; the corrections are also evaluation data.

- :mod:`.base`: the uncurated extraction a build keeps beside its tables;
- :mod:`.curation_file`: adding and removing entries in the file's text;
- :mod:`.session`: the view (base + file), actions taken and undone;
- :mod:`.actions`: what each action of the page stands for, as a curation entry;
- :mod:`.evidence`: a statement's sentence with its marks, its source's kind;
- :mod:`.views`: what the page reads (counts, statements, panels), as JSON-ready data;
- :mod:`.charts`: SVG charts of an actor's stances over time and a position's sides;
- :mod:`.evaluation`: precision on what was reviewed, gold for ``eval/score.py``;
- :mod:`.app`: the Flask application and its guards;
- :mod:`.server`: serving it with waitress, in a thread or until Ctrl-C.
"""
