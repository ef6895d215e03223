"""Build hook: the wheel carries the course folder (lessons, exercises, the article) so that
``crisis-course init DIR`` can give a pip user a working course. Everything else is in
pyproject.toml. The solutions stay out of the wheel on purpose (instructors use the repository)."""
import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

COURSE_FOLDERS = ("lessons", "exercises", "seeds")


class BuildWithCourseFiles(build_py):
    def run(self):
        super().run()
        root = Path(__file__).resolve().parent
        target = Path(self.build_lib) / "crisis_course" / "course_files"
        for folder in COURSE_FOLDERS:
            src = root / folder
            if not src.is_dir():
                continue
            dest = target / folder
            if dest.exists():
                shutil.rmtree(dest)
            shutil.copytree(src, dest, ignore=shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__"))


setup(cmdclass={"build_py": BuildWithCourseFiles})
