"""Every exercise check in one place: ``check.task_N_M(answer, ...)``.

Use in a notebook, in the cell after your answer::

    from crisis_course.exercises import check
    check.task_3_3(neighbours)

Each call returns a :class:`~crisis_course.exercises.feedback.Feedback` that shows itself as
"✓ Correct", "✗ Not yet: ... Hint: ..." or "○ Not attempted yet". A check never raises: a wrong
type or shape is reported like any other wrong answer. :data:`TASKS` lists every task.
"""
from __future__ import annotations

from .lesson1 import task_1_1, task_1_2, task_1_3, task_1_4, task_1_5
from .lesson2 import task_2_1, task_2_2, task_2_3, task_2_4
from .lesson3 import task_3_1, task_3_2, task_3_3, task_3_4
from .lesson4 import task_4_1, task_4_2, task_4_3, task_4_4
from .lesson5 import task_5_1, task_5_2, task_5_3, task_5_4
from .lesson6 import task_6_1, task_6_2, task_6_3, task_6_4, task_6_5, task_6_6, task_6_7
from .lesson7 import task_7_1, task_7_2, task_7_3, task_7_4
from .nocode_checks import (
                     task_1_a,
                     task_1_b,
                     task_2_a,
                     task_2_b,
                     task_3_a,
                     task_3_b,
                     task_4_a,
                     task_4_b,
                     task_5_a,
                     task_5_b,
                     task_5_c,
                     task_6_a,
                     task_6_b,
                     task_6_c,
                     task_6_d,
                     task_7_a,
                     task_7_b,
                     task_7_c,
)

#: Task id ("3.3"; the no-code track's "3.a") -> check function.
TASKS = {f.task_id: f for f in (
    task_1_a, task_1_b, task_2_a, task_2_b, task_3_a, task_3_b, task_4_a, task_4_b,
    task_5_a, task_5_b, task_5_c, task_6_a, task_6_b, task_6_c, task_6_d, task_7_a, task_7_b, task_7_c,
    task_1_1, task_1_2, task_1_3, task_1_4, task_1_5,
    task_2_1, task_2_2, task_2_3, task_2_4,
    task_3_1, task_3_2, task_3_3, task_3_4,
    task_4_1, task_4_2, task_4_3, task_4_4,
    task_5_1, task_5_2, task_5_3, task_5_4,
    task_6_1, task_6_2, task_6_3, task_6_4, task_6_5, task_6_6, task_6_7,
    task_7_1, task_7_2, task_7_3, task_7_4,
)}

__all__ = ["TASKS", *(f"task_{k.replace('.', '_')}" for k in TASKS)]
