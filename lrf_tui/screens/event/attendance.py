"""The attendance dialog (F4): who is present, late, left early, absent, unable to contribute
or only invited; one letter marks the highlighted person and moves to the next.
"""

from __future__ import annotations

from textual.binding import Binding
from textual.widgets import Static

from facilitation import event as ev
from facilitation.framework import ATTENDANCE

from ...widgets.literal_table import LiteralTable
from .typing_to_notes import ContextDialog


class AttendanceScreen(ContextDialog):
    HINT = ("Attendance: {attendance.present} present, {attendance.late} late, "
            "{attendance.left_early} left early, {attendance.absent} absent, "
            "{attendance.unable} unable to contribute, {attendance.invited} invited. "
            "{attendance.close} closes.")

    BINDINGS = [
        Binding("p", "mark('present')", "Present", id="attendance.present",
                tooltip="Mark as present"),
        Binding("l", "mark('late')", "Late", id="attendance.late", tooltip="Mark as late"),
        Binding("e", "mark('left early')", "Left early", id="attendance.left_early",
                tooltip="Mark as left early"),
        Binding("a", "mark('absent')", "Absent", id="attendance.absent", tooltip="Mark as absent"),
        Binding("u", "mark('unable to contribute')", "Unable", id="attendance.unable",
                tooltip="Mark as unable to contribute"),
        Binding("i", "mark('invited')", "Invited", id="attendance.invited",
                tooltip="Mark as invited only"),
        Binding("escape,f4", "close", "Close", id="attendance.close", tooltip="Back to the notes"),
    ]

    def body(self):
        yield LiteralTable(id="people", cursor_type="row")

    def on_mount(self) -> None:
        table = self.query_one(LiteralTable)
        table.add_column("Name", key="name")
        table.add_column("Attendance", key="attendance")
        table.add_column("Agency", key="agency")
        table.add_column("Role", key="role")
        for p in self.ctx.participants:
            table.add_row(p["name"], p["attendance"], p["agency"], p["role"], key=str(p["id"]))
        if not self.ctx.participants:
            self.query_one(".hint", Static).update("No participants are listed for this review.")
        table.focus()

    def action_mark(self, attendance: str, remember: bool = True) -> None:
        assert attendance in ATTENDANCE
        table = self.query_one(LiteralTable)
        if not table.row_count or (remember and self._typed is not None):
            return
        key = table.cursor_key()
        row = table.cursor_row
        before = next((p["attendance"] for p in self.ctx.participants if str(p["id"]) == key), None)

        def undo() -> None:
            if before is not None:
                table.move_cursor(row=row)
                self.action_mark(before, remember=False)
                table.move_cursor(row=row)

        if not self.write_or_say(
                lambda: ev.set_attendance(self.app.store, int(key), attendance),
                kept="Attendance is as it was."):
            return
        if remember:
            self.remember_command(undo)
        for p in self.ctx.participants:
            if str(p["id"]) == key:
                p["attendance"] = attendance
        table.update_cell(key, "attendance", attendance)
        if table.cursor_row < table.row_count - 1:
            table.move_cursor(row=table.cursor_row + 1)
