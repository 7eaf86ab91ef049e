"""The one error a briefing raises for people: what is wrong, where, and how to fix it — in Bahasa Indonesia."""


class BriefingError(Exception):
    """A briefing cannot be made as asked (unknown region, empty selection, no data in the years, bad format)."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message
