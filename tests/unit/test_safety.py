"""Emergency detection on the independently written phrasings in tests/data/."""

from __future__ import annotations

import pytest

from actions import safety
from tests.conftest import emergency_phrasings, training_examples

DETECTOR = safety.load()
EMERGENCIES = emergency_phrasings("emergencies")
NEAR_MISSES = emergency_phrasings("near_misses")


def test_the_sets_are_large_enough():
    assert len(EMERGENCIES) >= 25 and len(NEAR_MISSES) >= 25


@pytest.mark.parametrize("text", EMERGENCIES)
def test_danger_now_is_an_emergency(text):
    assert DETECTOR.is_emergency(text)


@pytest.mark.parametrize("text", NEAR_MISSES)
def test_questions_about_weapons_or_arrests_are_not(text):
    # not even when DIET is sure: each retrain reads them anew, and the end-to-end tests play them all
    assert not DETECTOR.is_emergency(text)
    assert not DETECTOR.is_emergency(text, classifier_says=True)


@pytest.mark.parametrize(
    "text",
    [
        # questions about the staff's own equipment (from the dev2 conversations)
        "does the police lady at my school have a gun",
        "does the rent a cop have a gun",
        "which of them can have weapons, the safety officer or the school cop",
        # figures of speech
        "we were shooting hoops after school",
        "she got her flu shot at the school clinic",
        "the robotics team is on fire this season",
        "he shot up like 4 inches this year",
        "my son brought a nerf gun to the class party",
        "what's the school's plan if there's an intruder",
        "is the cop at school carrying a gun around my kids",
        "is stopping school shootings part of the SRO's job",
        "My son gets upset around weapons, so I'm trying to prepare him. Will those private security guards be carrying guns?",
        "There's a campus safety officer at the high school. Is he carrying a weapon?",  # about the staff
        "my science final is going to bomb tomorrow",
        "her water bottle went missing at recess",
        "the fire truck came to the kindergarten for show and tell",
        "We had a break-in over winter break. Who hires the night guards?",
        "there's a gun safety class at the library, is the SRO teaching it?",
        "the SRO keeps his gun in a gun locker, right?",
    ],
)
def test_questions_and_figures_of_speech_are_not_emergencies(text):
    assert not DETECTOR.is_emergency(text)


@pytest.mark.parametrize(
    "text, emergency",
    [
        ("a kid is drowning in the pool", True),
        ("my son is stuck in the elevator and it's getting hot", True),
        ("a student drank bleach from the janitor's closet", True),
        ("the carbon monoxide alarm is going off in the boiler room", True),
        ("a dog is attacking kids at recess", True),
        ("a girl fell off the bleachers and can't get up", True),
        ("some guy keeps following me home from school", True),
        ("a man is holding the class hostage", True),
        ("the art room smells like smoke", True),
        ("im drowning in homework this week", False),
        ("the carbon monoxide detector got tested on friday", False),
        ("what happens if a kid drowns at swim class?", False),
        ("can the SRO help if a dog bites a kid?", False),
        # the weapon pattern takes a possessive owner and a kind of weapon
        ("my cousin says a boy brought his uncle's pistol in his backpack", True),
        ("a girl is flashing a pocket knife at the bus stop", True),
        ("there's a kid showing off a hunting knife by the lockers", True),
        ("the guy by the gym has my brother's rifle", True),
        ("does the security officer carry a real gun?", False),
        ("are SSOs with hunting knives allowed at school?", False),
        # a child driven off with or held in a car, not a phone; the roof of a building is no figure
        ("a woman nobody knows sped off with the little boy in a van", True),
        ("someone is keeping him inside a truck in the parking lot", True),
        ("a kid is kicking my son on the bus", True),
        ("the kids are kicking the ball at recess", False),
        ("my dad drove off with my phone this morning", False),
        ("every hand shot up when the SRO asked who wanted a sticker", False),
    ],
)
def test_kinds_of_danger_no_test_set_has_shown_yet(text, emergency):
    assert DETECTOR.is_emergency(text) is emergency


@pytest.mark.parametrize(
    "text",
    [
        "the security guard has a gun pointed at a student",
        "shoot me a text if you hear shots in the gym",  # the figure is blanked, the shots still count
        "the school is on fire",
        "FIRE IN THE GYM",
        "LOCKDOWN NOT A DRILL",
        "there's an intruder in the library",
        "i dont see the point anymore",
        "my son never got off the bus and the school says he wasn't on it",
        "i think someone is in the building who shouldnt be, the doors are locked and hes banging",
        "a girl in my class cut her wrists in the bathroom",
        "an armed man is walking through the parking lot toward the gym",
        "my student is having a stroke I think, one side of his face is drooping",
        "a teacher is going into anaphylaxis after lunch",
        # a threat is no figure of speech unless a parent or teacher "will kill me if I fail"
        "the man who hurt my sister is outside the gym and says he's gonna kill me when school ends",
        "thanks for the help but there's a kid with a knife in the hallway right now",
        # dev23's figures: sports talk and fireworks, next to real danger
        "she's a killer on the volleyball court and now a kid has a gun in the gym",
        "we heard pops from the fireworks, then loud bangs inside and everyone is screaming",
        # dev24's figures and events: a demonstration, scouts, a lockdown that ended
        "during the drug dog demonstration a man walked in and there's a gun in his waistband",
        "at the boy scout event a kid is swinging a knife at people right now",
        "the lockdown ended after an hour but now there's a shooter in the parking lot",
        # dev49's figures: a video game or a bus route next to real danger
        "a kid just got shot in the game room by the gym",
        "the route 4 bus driver says a man with a gun just got on",
        "we were playing fortnite in the library and now someone is shooting in the hallway",
        # dev56's figures: grabbing a child, a game's shooting, a gun on someone's belt, "nobody hurt yet"
        "a man tried to grab my daughter at the bus stop",
        "after the paintball game a man in the parking lot started shooting at people",
        "there's a stranger by the gym with a gun on his belt",
        "a kid has a gun in the cafeteria, nobody hurt yet",
    ],
)
def test_danger_still_counts_next_to_the_new_exceptions(text):
    assert DETECTOR.is_emergency(text)


@pytest.mark.parametrize(
    "text",
    [
        "someone is shooting at the school, are the SROs coming?",
        "my daughter says a boy brought a gun to school today, is the SRO there?",
        "a student just got stabbed, can the campus safety officer help?",
        "a kid pulled a knife on my son at lunch, can the sro arrest him?",
        "my nephew just got jumped behind the gym, can the SSO do anything",
        "the teacher says we're in lockdown, is the resource officer here?",
        "a guy in the parking lot has a gun, does security know",
        "she's still in the bathroom with a knife, are the guards coming",
    ],
)
def test_danger_told_in_its_own_clause_counts_though_a_question_follows(text):
    assert DETECTOR.is_emergency(text)


@pytest.mark.parametrize(
    "text",
    [
        "What happens if a student brings a gun to school, can the SRO arrest them?",
        "if a kid brings a knife, can the SSO take it?",
        "a kid at my son's school had a gun last year, are the SROs armed now?",
        "my daughter said the campus secruity guy has a gun, is that normal",
        "Hypothetically, could a guard stop a student who brought a knife? It's for an essay",
        "what do we do if the school is in lockdown",
        "if someone is shooting, does the sro go in?",
        "my son shot the winning three last night, is the SRO at the games?",
        "we heard pops from the fireworks and everyone was running to see",
    ],
)
def test_a_question_or_a_story_about_the_topic_is_still_not(text):
    assert not DETECTOR.is_emergency(text)


@pytest.mark.parametrize(
    "text, emergency",
    [
        ("my friend swallowed something and now she won't answer me", True),
        ("Do substitute teachers know the lockdown procedures?", False),  # asks about the topic
        ("the cafeteria tacos are to die for", False),  # a figure of speech
        ("this homework is killing me lol, can the school cop help with math", False),
        ("Where can I find our district's evacuation plan?", False),  # preparedness paperwork
        ("the kids are hiding eggs for the easter hunt, is security there on weekends", False),
        ("the new security guard shot me a dirty look, can i complain", False),
        ("the fire alarm went off because someone burned popcorn, everyone's fine", False),  # said to be over
        ("My son has a seizure disorder, how do I submit his seizure action plan?", False),
        ("do campus saftey oficers have guns", False),  # a misspelt question about the staff
        ("the smoke detector went off by mistake in the gym and all the kids are back in class", False),
        ("thank you so much for all your help!", False),  # thanks, though DIET hears "help"
        ("my dad is gonna kill me if i miss the bus again", False),
        ("the broken window from last week has been fixed", False),
        ("my laptop is about to die, quick question about the SRO", False),  # a battery, not a person
        ("my brother is about to die", True),
        ("the coach said we got murdered in the second half", False),  # a lost game
        ("the coach said two kids got killed in the second period fight", True),  # a class period
        ("The archery club shoots at targets after school on Tuesdays", False),
        ("we had an evacuation drill and everyone got out in 3 minutes", False),  # a time, not a countdown
        # dev49: a bus route's pickup time, a hit that is over ("I'm fine now")
        ("Has the pickup time for the route 9 bus changed since the ice storm?", False),
        ("I got hit in the face with a kickball at recess but I'm fine now", False),
        ("someone got hit by the bus outside the school", True),
        # dev52: the autumn, a child healing at home, a fight that is over; a fall that is danger
        ("My son's middle school just brought on a campus safety officer this fall.", False),
        ("my son broke his arm on the playground in September, he's healed now", False),
        ("the fight in the hallway is over and the principal already called everyone's parents", False),
        ("my daughter had a bad fall off the monkey bars", True),
        # dev56: a goodbye at pickup, a gun seen on a duty belt, the person in a job asked about its equipment
        ("Okay, dismissal bell is about to ring and I have to grab my twins from the car line - bye for now!", False),
        ("Our security officer wears a duty belt, and some of my students swear there's a gun on it. Are school security officers allowed to be armed?", False),
        ("Would the person in that job be walking the halls with a gun or a taser on their hip?", False),
    ],
)
def test_a_confident_classifier_counts_unless_the_message_asks_about_the_topic(text, emergency):
    assert not DETECTOR.is_emergency(text)
    assert DETECTOR.is_emergency(text, classifier_says=True) == emergency


def test_a_broken_pattern_file_names_the_file_and_group(tmp_path):
    bad = tmp_path / "emergency.yml"
    bad.write_text("always: ['(']\ndanger: [x]\nhypothetical: [x]\nasking: [x]\nurgent: [x]\n")
    with pytest.raises(ValueError, match=r"emergency\.yml: always: bad pattern"):
        safety.load(bad)
    bad.write_text("always: [x]\n")
    with pytest.raises(ValueError, match=r"emergency\.yml: danger: must be a non-empty list"):
        safety.load(bad)


def test_no_training_example_of_another_intent_trips_the_patterns():
    # Patterns win over the classifier, so a false alarm here could never be undone by DIET.
    flagged = [
        (intent, text) for intent, text in training_examples() if intent != "emergency" and DETECTOR.is_emergency(text)
    ]
    assert not flagged


def test_every_emergency_training_example_counts_when_the_classifier_is_sure():
    # Otherwise EmergencyReadingFilter drops DIET's emergency reading of it before anyone sees it.
    rejected = [
        text
        for intent, text in training_examples()
        if intent == "emergency" and not DETECTOR.is_emergency(text, classifier_says=True)
    ]
    assert not rejected
