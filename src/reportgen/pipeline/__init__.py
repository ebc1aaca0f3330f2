"""The build: reports loaded, their views made, every output rendered, then written.

`build.py` builds reports at once (the library's `reportgen.build`), `batch.py` builds
each report on its own and skips unchanged ones (`build --all`), `watch.py` builds again
at each save; `write.py` writes outputs all or none; `scaffold.py` starts next year's
report from this year's (`reportgen new`).
"""
