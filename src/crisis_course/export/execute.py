"""Executing lessons for export: the course's ExecutePreprocessor, one or several lessons at a time.

Exports run with an empty temporary progress folder (``CRISIS_COURSE_PROGRESS_DIR``), so no
student's saved answers end up in a deck or a handout (see :func:`clean_progress_env`).
"""
from __future__ import annotations

import copy
import os
import re
import tempfile
import time
from pathlib import Path

from .core import ExportError, Progress, read_notebook

_EXECUTOR = None


def _executor_class():
    """nbconvert's ExecutePreprocessor, adjusted for exporting the course (built on first use).

    nbclient mimics a front end for ``ipywidgets.Output``: it captures what is displayed inside
    ``with out:`` and *sends it back to the kernel* as widget state. With a figure inside (as in
    an early lesson 6 year explorer; lesson 3's map explorer still uses an Output) that round trip
    can stall until the cell timeout (nbclient 0.11, ipykernel 7), and with
    ``store_widget_state=False`` it raises ``KeyError`` or stalls. Exports never use
    widget state, so the Output mimic here keeps the captured outputs locally and sends nothing.
    """
    global _EXECUTOR
    if _EXECUTOR is None:
        from nbclient.output_widget import OutputWidget
        from nbclient.util import run_sync
        from nbconvert.preprocessors import ExecutePreprocessor

        class _LocalOutputWidget(OutputWidget):
            def sync_state(self) -> None:  # do not echo captured outputs back to the kernel
                pass

        class CourseExecutePreprocessor(ExecutePreprocessor):
            #: the kernel's CRISIS_COURSE_PROGRESS_DIR (an empty temporary folder; see execute_notebook)
            progress_dir: str | None = None
            #: CRISIS_COURSE_SLIDE_FIGURES: figures.show adds each figure's slide version (an export)
            slide_figures: bool = True
            #: more environment variables for the kernel
            extra_env: dict | None = None

            async def async_start_new_kernel(self, **kwargs):
                if self.progress_dir and "env" not in kwargs:
                    env = {**os.environ, **(self.extra_env or {}), "CRISIS_COURSE_PROGRESS_DIR": self.progress_dir}
                    if self.slide_figures:
                        env["CRISIS_COURSE_SLIDE_FIGURES"] = "1"
                    else:
                        env.pop("CRISIS_COURSE_SLIDE_FIGURES", None)
                    kwargs["env"] = env
                return await super().async_start_new_kernel(**kwargs)

            # nbclient's synchronous setup_kernel (used by nbconvert's preprocess) calls
            # start_new_kernel, which nbclient binds to ITS OWN async_start_new_kernel: without
            # this line the override above never ran and the kernel saw neither variable.
            start_new_kernel = run_sync(async_start_new_kernel)

            def on_comm_open_jupyter_widget(self, msg):
                state = msg["content"]["data"]["state"]
                if (state.get("_model_module"), state.get("_model_name")) == ("@jupyter-widgets/output",
                                                                              "OutputModel"):
                    return _LocalOutputWidget(msg["content"]["comm_id"], state, self.kc, self)
                return super().on_comm_open_jupyter_widget(msg)

        _EXECUTOR = CourseExecutePreprocessor
    return _EXECUTOR


def execute_notebook(path: str | os.PathLike, timeout: int = 300, nb=None, slide_figures: bool = True,
                     env: dict | None = None):
    """Execute a notebook in its own folder and return the executed copy (the file is untouched).

    The copy carries no widget state (``metadata.widgets`` is removed), so nbconvert renders
    each widget output's static fallback instead of a widget that needs a kernel and a CDN: a
    quiz shows its ``text/html`` copy. (Executing with ``store_widget_state=False`` would do the
    same, but nbclient 0.11 then fails with a ``KeyError`` in any cell whose ``ipywidgets.Output``
    captures output, so the state is stored and dropped afterwards; see :func:`_executor_class`.)
    The kernel runs with ``CRISIS_COURSE_PROGRESS_DIR`` set to a new empty temporary folder
    (removed afterwards), so nobody's saved quiz answers or writing end up in an export.
    ``slide_figures=False`` executes it as a student's kernel would (figures without their slide
    version); ``env``: more variables for the kernel.
    Raises :class:`ExportError` naming the notebook and the failing cell.
    """
    from nbconvert.preprocessors import CellExecutionError

    path = Path(path)
    if nb is None:
        nb = read_notebook(path)
    else:
        nb = copy.deepcopy(nb)
    kernel = nb.metadata.get("kernelspec", {}).get("name", "python3")
    ep = _executor_class()(timeout=timeout, kernel_name=kernel, store_widget_state=True)
    if kernel == "python3":
        # ipykernel 7 warns on every start that its TCP transport is unencrypted (the kernel only
        # listens on localhost); keep the progress output readable.
        ep.extra_arguments = ["--IPKernelApp.log_level=ERROR"]
    progress_dir = tempfile.TemporaryDirectory(prefix="crisis-export-progress-")
    ep.progress_dir, ep.slide_figures, ep.extra_env = progress_dir.name, slide_figures, env
    try:
        ep.preprocess(nb, {"metadata": {"path": str(path.parent.resolve())}})
    except CellExecutionError as exc:
        detail = re.sub(r"\x1b\[[0-9;]*m", "", str(exc))  # no terminal colour codes in reports
        raise ExportError(f"{path.name}: a cell failed while executing:\n{detail}") from None
    except Exception as exc:  # kernel died, no such kernel, timeout ...
        raise ExportError(f"{path.name}: execution failed: {type(exc).__name__}: {exc}") from None
    finally:
        progress_dir.cleanup()
    nb.metadata.pop("widgets", None)
    return nb



def _executed_lessons(paths: list[Path], timeout: int, jobs: int, progress: Progress, **options):
    """Yield ``(path, executed_nb_or_None, seconds, error)`` in lesson order; with ``jobs > 1``
    several kernels run at once (each lesson still in its own kernel). ``options`` go to
    :func:`execute_notebook` (``slide_figures``, ``env``)."""
    def run(path):
        t0 = time.perf_counter()
        try:
            return path, execute_notebook(path, timeout=timeout, **options), time.perf_counter() - t0, None
        except ExportError as exc:
            return path, None, time.perf_counter() - t0, str(exc)

    if jobs <= 1 or len(paths) <= 1:
        for path in paths:
            yield run(path)
        return
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=jobs) as pool:
        yield from pool.map(run, paths)


def _lessons_as_executed(paths: list[Path], executed: dict | None, timeout: int, jobs: int):
    """Yield ``(path, nb, seconds, error)`` for each lesson as soon as it is ready, in order:
    lessons in ``executed`` first-hand (0 s), the others executed now (see :func:`_executed_lessons`)."""
    executed = executed or {}
    todo = [p for p in paths if p not in executed]
    running = iter(_executed_lessons(todo, timeout, jobs, None)) if todo else iter(())
    for path in paths:
        if path in executed:
            yield path, executed[path], 0.0, None
        else:
            yield next(running)


