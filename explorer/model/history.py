"""Back and forward through the places visited, like a web browser (no Qt)."""

from __future__ import annotations

from explorer.model.location import Location


class History:
    """The places visited, and where we are among them.

    Opening a new place drops everything ahead of the current one; going back and forward moves
    through the list without changing it.
    """

    def __init__(self) -> None:
        self.places: list[Location] = []
        self.index = -1

    @property
    def current(self) -> Location | None:
        return self.places[self.index] if self.index >= 0 else None

    def visit(self, place: Location) -> None:
        """Record a place newly opened (the same place twice in a row is kept once)."""
        del self.places[self.index + 1:]
        if not self.places or self.places[-1] != place:
            self.places.append(place)
        self.index = len(self.places) - 1

    def replace_current(self, place: Location) -> None:
        """Where we are has moved within the same place (reading on in a chapter): Back returns
        to where the reader was, not to where the chapter opened."""
        if self.current is not None and self.current.same_place(place):
            self.places[self.index] = place

    def can_go_back(self) -> bool:
        return self.index > 0

    def can_go_forward(self) -> bool:
        return self.index < len(self.places) - 1

    def back(self) -> Location | None:
        """Step back; the place to show, or None at the start."""
        if not self.can_go_back():
            return None
        self.index -= 1
        return self.places[self.index]

    def forward(self) -> Location | None:
        if not self.can_go_forward():
            return None
        self.index += 1
        return self.places[self.index]
