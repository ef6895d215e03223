"""Two Agendas: an offline Jupyter course on the Biden-Putin video call of 7 December 2021.

The notebook-facing API is a few obvious calls, one module per job:

- ``crisis_course.quiz``      -- ``Quiz.from_bank("nato")`` shows a lesson's quiz
- ``crisis_course.data``      -- loaders for the datasets that ship with the course
- ``crisis_course.maps``      -- locator, NATO-enlargement and choropleth maps
- ``crisis_course.timeline``  -- the sourced course timeline and its chart
- ``crisis_course.figures``   -- show a figure with a text description (alt text)
- ``crisis_course.glossary``  -- the course glossary
- ``crisis_course.article``   -- the article studied by the course (from ``seeds/``)
- ``crisis_course.exercises`` -- checks for the exercise notebooks

Heavy libraries (pandas, matplotlib, geopandas, ipywidgets) are imported where used, so
``import crisis_course`` stays cheap.
"""



def __getattr__(name):
    """``__version__`` (the installed distribution's) and ``KNOWLEDGE_CUTOFF`` (the manifest's,
    content/course.yaml), read when first asked for so that ``import crisis_course`` stays cheap."""
    if name == "__version__":
        from importlib.metadata import PackageNotFoundError, version

        try:
            return version("ukraine-crisis-course")
        except PackageNotFoundError:
            return "0+unknown"
    if name == "KNOWLEDGE_CUTOFF":
        from .course import load

        return load().cutoff.isoformat()
    raise AttributeError(f"module 'crisis_course' has no attribute {name!r}")
