"""Validation of webhook request bodies."""

from __future__ import annotations

import pytest

from server.requests import BadRequest, ChatRequest, parse


def test_a_good_request():
    assert parse({"sender": " a1 ", "message": " hi\x00 "}) == ChatRequest("a1", "hi", None)


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
    ],
)
def test_bad_requests_are_explained(body, problem):
    with pytest.raises(BadRequest, match=problem):
        parse(body)
