"""The year player's stepping rules (pure functions of ui.presentation)."""

from ui.presentation import ALL_YEARS, advance, step, year_options

YEARS = [2021, 2022, 2023]


def test_options_are_the_range_then_each_year():
    assert year_options(YEARS) == [ALL_YEARS, 2021, 2022, 2023]
    assert year_options([2023]) == [ALL_YEARS]


def test_arrows_step_and_stop_at_the_ends():
    assert step(ALL_YEARS, YEARS, +1) == 2021 and step(ALL_YEARS, YEARS, -1) == 2023
    assert step(2022, YEARS, +1) == 2023 and step(2023, YEARS, +1) == 2023 and step(2021, YEARS, -1) == 2021


def test_play_advances_stops_on_the_last_year_and_restarts_from_the_first():
    assert advance(ALL_YEARS, YEARS) == (2021, True)
    assert advance(2021, YEARS) == (2022, True)
    assert advance(2022, YEARS) == (2023, False)  # arrives on the last year: stops there
    assert advance(2023, YEARS) == (2021, True)  # play pressed on the last year: from the first again
    assert advance(2023, [2023]) == (2023, False)
