"""Validation of webhook request bodies."""

from __future__ import annotations

import pytest

from server.requests import BadRequest, ChatRequest, parse


def test_a_good_request():
    assert parse({"sender": " a1 ", "message": " hi\x00 "}) == ChatRequest("a1", "hi", None)


def test_invisible_characters_are_removed():
    assert parse({"sender": "a", "message": "\u200b\x01\x02 "}).message == ""
    assert parse({"sender": "a", "message": "SRO\u200b?\n"}).message == "SRO?"


@pytest.mark.parametrize(
    "body, problem",
    [
        (None, "JSON object"),
        ([1, 2], "JSON object"),
        ("text", "JSON object"),
        ({"message": "hi"}, '"sender"'),
        ({"sender": "", "message": "hi"}, '"sender"'),
        ({"sender": "x" * 200, "message": "hi"}, '"sender"'),
        ({"sender": 5, "message": "hi"}, '"sender"'),
        ({"sender": "a"}, '"message" must be a text'),
        ({"sender": "a", "message": 42}, '"message" must be a text'),
        ({"sender": "a", "message": "hi", "metadata": "x"}, '"metadata"'),
        ({"sender": "a", "message": "\ud800"}, "valid Unicode"),
    ],
)
def test_bad_requests_are_explained(body, problem):
    with pytest.raises(BadRequest, match=problem):
        parse(body)
