"""Which answer a turn gets, given the intent, the roles named and what the slots remember."""

from __future__ import annotations

import pytest

from actions.conversation import (
    OVERVIEW,
    Memory,
    Plan,
    agreed_plan,
    more_of_last_answer,
    plainly_off_topic,
    plan,
    plan_over_not_covered,
    plan_over_out_of_scope,
    wants_contact,
)
from actions.knowledge import load

KB = load()
ALL = tuple(KB.roles)


IS_SRO_POLICE = Plan("answer", "arrest", ("sro",), also=("definition",))


@pytest.mark.parametrize(
    "intent, text, mentioned, memory, expected",
    [
        ("ask_arrest_powers", "can a cso arrest?", ["sso"], Memory(), Plan("answer", "arrest", ("sso",))),
        # follow-up: the remembered role answers
        ("ask_armed", "are they armed?", [], Memory(role="sso", topic="arrest"), Plan("answer", "armed", ("sso",))),
        # a role named now wins over the remembered one
        ("ask_armed", "and the SRO?", ["sro"], Memory(role="sso"), Plan("answer", "armed", ("sro",))),
        # "same question for private guards": the remembered topic, the new role
        (
            "inform_role",
            "same for private guards",
            ["private_security"],
            Memory(role="sso", topic="funding"),
            Plan("answer", "funding", ("private_security",)),
        ),
        # a role switch made of nothing but a role name: the last topic, whatever DIET read
        (
            "ask_definition",
            "what about SSOs?",
            ["sso"],
            Memory(role="sro", topic="training"),
            Plan("answer", "training", ("sso",)),
        ),
        (
            "ask_duties",
            "does the security guard?",
            ["sso"],
            Memory(role="sro", topic="armed"),
            Plan("answer", "armed", ("sso",)),
        ),
        # ... but a question of its own is not a switch
        (
            "ask_definition",
            "what is an SSO?",
            ["sso"],
            Memory(role="sro", topic="training"),
            Plan("answer", "definition", ("sso",)),
        ),
        # DIET's catch-all "what is it?" gives way to the one topic the question names ...
        (
            "ask_definition",
            "who hires the security company guards is it my school",
            ["private_security"],
            Memory(),
            Plan("answer", "employer", ("private_security",)),
        ),
        # ... unless the question asks what the role is
        (
            "ask_definition",
            "our school hired an outside security company, what does that mean?",
            ["private_security"],
            Memory(),
            Plan("answer", "definition", ("private_security",)),
        ),
        # one role compared with the one just discussed
        (
            "ask_training",
            "are they trained at the same place as SROs?",
            ["sro"],
            Memory(role="private_security", topic="employer"),
            Plan("compare", "training", ("private_security", "sro")),
        ),
        # "that" compares what was just answered
        (
            "compare",
            "how is that different from the SRO?",
            ["sro"],
            Memory(role="sso", topic="arrest"),
            Plan("compare", "arrest", ("sro", "sso")),
        ),
        (
            "compare",
            "how are they different from the SRO?",
            ["sro"],
            Memory(role="sso", topic="arrest"),
            Plan("compare", OVERVIEW, ("sro", "sso")),
        ),
        # a comparison DIET read into a question about one role; asking whether a role is the
        # police asks what it is and whether it can arrest
        (
            "compare",
            "is the security guard a cop?",
            ["sso"],
            Memory(),
            Plan("answer", "arrest", ("sso",), also=("definition",)),
        ),
        ("ask_definition", "Is an SRO a sworn police officer?", ["sro"], Memory(), IS_SRO_POLICE),
        # ... and so does asking which of two roles is the police, for both
        (
            "compare",
            "resource officer vs campus safety officer - which one is the actual cop?",
            ["sro", "sso"],
            Memory(),
            Plan("compare", "arrest", ("sro", "sso"), also=("definition",)),
        ),
        ("ask_arrest_powers", "is the police guy at my school a real police officer", ["sro"], Memory(), IS_SRO_POLICE),
        # ... but not when it asks about working with the police
        (
            "ask_works_with",
            "does campus security link up with the real cops?",
            ["sso"],
            Memory(),
            Plan("answer", "works_with", ("sso",)),
        ),
        # a lone question naming one topic gets it over a reading of another topic...
        (
            "ask_arrest_powers",
            "who do the contracted guards really work for",
            ["private_security"],
            Memory(),
            Plan("answer", "employer", ("private_security",)),
        ),
        # ... and a yes/no question whether a role is the police gets arrest and definition
        ("ask_hours", "r the SROs reel cops", ["sro"], Memory(), IS_SRO_POLICE),
        ("ask_arrest_powers", "is the police lady here a real police lady?", ["sro"], Memory(), IS_SRO_POLICE),
        # a role and only words asking what it is: its definition, whatever DIET read
        ("ask_armed", "tell me about SSOs", ["sso"], Memory(), Plan("answer", "definition", ("sso",))),
        # which kinds of staff there are: all roles as a whole
        (
            "ask_definition",
            "what kinds of safety staff could be at a high school",
            ["sso"],
            Memory(),
            Plan("compare", OVERVIEW, ALL),
        ),
        # "they" are the role just discussed; the role named is who they work with
        (
            "ask_works_with",
            "does she ever work with the SRO?",
            ["sro"],
            Memory(role="sso", topic="duties"),
            Plan("answer", "works_with", ("sso",)),
        ),
        # a describing clause after the role name still only switches the role
        (
            "ask_employer",
            "what about the security staff the district employs?",
            ["sso"],
            Memory(role="sro", topic="arrest"),
            Plan("answer", "arrest", ("sso",)),
        ),
        # "what does X do compared to Y" compares duties, not the roles in general
        (
            "compare",
            "what do campus safety officers do compared to the SRO?",
            ["sso", "sro"],
            Memory(),
            Plan("compare", "duties", ("sso", "sro")),
        ),
        # ... whatever DIET read into it
        (
            "ask_duties",
            "there's a security officer at school.",
            ["sso"],
            Memory(),
            Plan("answer", "definition", ("sso",)),
        ),
        # a role in a statement with nothing asked yet: explain the role
        (
            "inform_role",
            "there's a security officer at school",
            ["sso"],
            Memory(),
            Plan("answer", "definition", ("sso",)),
        ),
        # two roles named: compare them on the asked point
        (
            "ask_arrest_powers",
            "can an sro or sso arrest",
            ["sro", "sso"],
            Memory(),
            Plan("compare", "arrest", ("sro", "sso")),
        ),
        (
            "compare",
            "how is an SRO different from an SSO",
            ["sro", "sso"],
            Memory(),
            Plan("compare", OVERVIEW, ("sro", "sso")),
        ),
        # "so who of the two can arrest?" after a comparison
        (
            "compare",
            "so who of the two can arrest?",
            [],
            Memory(compared=("sro", "sso")),
            Plan("compare", "arrest", ("sro", "sso")),
        ),
        ("ask_arrest_powers", "so who of the two can arrest?", [], Memory(role="sso"), Plan("compare", "arrest", ALL)),
        # one role in a comparison: against the remembered one, else against the others
        (
            "compare",
            "how is the SRO different?",
            ["sro"],
            Memory(role="sso"),
            Plan("compare", OVERVIEW, ("sro", "sso")),
        ),
        (
            "compare",
            "how is the SRO different?",
            ["sro"],
            Memory(),
            Plan("compare", OVERVIEW, ("sro", "sso", "private_security")),
        ),
        # no role known: short answers for all, long ones ask which role
        ("ask_funding", "who pays for them", [], Memory(), Plan("compare", "funding", ALL)),
        ("ask_duties", "what do they do", [], Memory(), Plan("ask_role", "duties")),
        # ... and a short answer's topic must be named, not only read by DIET; with nothing
        # about the staff in the question, it is off topic
        ("ask_hours", "When is picture day?", [], Memory(), Plan("off_topic", "hours")),
        ("ask_hours", "when is he at school?", [], Memory(), Plan("ask_role", "hours")),
        # how to reach a person: the contact, whatever DIET read
        ("inform_role", "who should I talk to about the security guards?", ["sso"], Memory(), Plan("contact", "")),
        # an hours keyword with nobody it is about: the bus, not the staff
        ("ask_hours", "What time does the bus come in the morning?", [], Memory(), Plan("off_topic", "hours")),
        ("ask_hours", "what time do they start?", [], Memory(), Plan("compare", "hours", ALL)),
        ("ask_hours", "/ask_hours", [], Memory(), Plan("compare", "hours", ALL)),
        (
            "compare",
            "Our old school's SRO carried a gun. How do the SRO and the SSO differ in who employs them?",
            ["sro", "sso"],
            Memory(),
            Plan("compare", "employer", ("sro", "sso")),
        ),
        # two names of one role: what it is (its definition gives the other name)
        (
            "compare",
            "is campus safety just another name for school security?",
            ["sso"],
            Memory(),
            Plan("answer", "definition", ("sso",)),
        ),
        # the one topic a story's question names outweighs DIET's reading of the story
        (
            "ask_hours",
            "We host evening tournaments and the district hires a security company. Are those guards armed?",
            ["private_security"],
            Memory(),
            Plan("answer", "armed", ("private_security",)),
        ),
        # a question naming two topics leaves the choice to DIET
        (
            "ask_hours",
            "Robotics runs until 7pm. Is the security officer still on duty in the evenings?",
            ["sso"],
            Memory(),
            Plan("answer", "hours", ("sso",)),
        ),
        # a question naming one role and one topic, read as only naming the role
        (
            "inform_role",
            "does the company security crew work when school is closed?",
            ["private_security"],
            Memory(),
            Plan("answer", "hours", ("private_security",)),
        ),
        # ... but a statement naming a role asks nothing yet, and without a role it may be off topic
        (
            "inform_role",
            "Our campus security officer works the evening shift.",
            ["sso"],
            Memory(),
            Plan("answer", "definition", ("sso",)),
        ),
        ("inform_role", "what time is the evening concert?", [], Memory(), Plan("off_topic", "definition")),
        # a question naming one topic beside "what is" gets it over DIET's "what is it?"
        (
            "ask_definition",
            "what is the main focus of an SSO's work?",
            ["sso"],
            Memory(),
            Plan("answer", "duties", ("sso",)),
        ),
        # which kinds of staff there are: all three compared
        (
            "ask_definition",
            "what categories of security staff do schools use?",
            [],
            Memory(),
            Plan("compare", "overview", ("sro", "sso", "private_security")),
        ),
        (
            "compare",
            "SRO or SSO, what does each one do?",
            ["sro", "sso"],
            Memory(),
            Plan("compare", "duties", ("sro", "sso")),
        ),
        (
            "compare",
            "campus safety or SRO - what do each of them do",
            ["sso", "sro"],
            Memory(),
            Plan("compare", "duties", ("sso", "sro")),
        ),
        (
            "compare",
            "SRO vs campus safety officer, which can lock kids up?",
            ["sro", "sso"],
            Memory(),
            Plan("compare", "arrest", ("sro", "sso")),
        ),
        ("tell_more", "tell me more", [], Memory(role="sso", topic="armed"), Plan("more", "armed", ("sso",))),
        ("tell_more", "tell me more", [], Memory(), Plan("ask_role", "definition")),
        # more about the topic just answered is its detail; another topic, or no "more", is a new answer
        (
            "ask_duties",
            "Tell me more about what they do.",
            [],
            Memory(role="sso", topic="duties"),
            Plan("more", "duties", ("sso",)),
        ),
        (
            "ask_armed",
            "tell me more, are they armed?",
            [],
            Memory(role="sso", topic="duties"),
            Plan("answer", "armed", ("sso",)),
        ),
        ("ask_duties", "what do they do?", [], Memory(role="sso", topic="duties"), Plan("answer", "duties", ("sso",))),
        # "more" in a comparison, or after an overview (no topic), is no request for detail
        (
            "ask_training",
            "do they get more training than the other ones?",
            [],
            Memory(role="sso", topic="training"),
            Plan("answer", "training", ("sso",)),
        ),
        (
            "compare",
            "which of them has more say?",
            [],
            Memory(compared=("sro", "sso", "private_security")),
            Plan("compare", "overview", ("sro", "sso", "private_security")),
        ),
        # "payed" is a funding word too, so the sheriff's office beside it does not make it employer
        (
            "ask_funding",
            "is the sro payed by the city or the sheriffs office",
            ["sro"],
            Memory(),
            Plan("answer", "funding", ("sro",)),
        ),
        # dev30: "responsible" (duties) beside "assigning" (employer): DIET's reading decides
        (
            "ask_employer",
            "Which agency is responsible for assigning an SRO to a school building?",
            ["sro"],
            Memory(),
            Plan("answer", "employer", ("sro",)),
        ),
        # a request opening with "please" asks; it does not only name the role
        (
            "ask_employer",
            "Please clarify the employment relationship for Campus Safety Officers.",
            ["sso"],
            Memory(),
            Plan("answer", "employer", ("sso",)),
        ),
        # the question of a story decides, not DIET's reading of the story
        (
            "ask_employer",
            "I'm a new assistant principal and still learning the staffing structure here. We have two"
            " district-employed security staff plus an officer who is here part time. What are school"
            " security officers expected to do?",
            ["sso"],
            Memory(),
            Plan("answer", "duties", ("sso",)),
        ),
        (
            "ask_employer",
            "At back-to-school night a parent asked whether our contracted guards are basically district"
            " staff. Nobody in the room really knew the answer. What exactly is a private security firm's"
            " role at a school?",
            ["private_security"],
            Memory(),
            Plan("answer", "definition", ("private_security",)),
        ),
        (
            "compare",
            "do school security officers and resource officers both go through the CJTC?",
            ["sso", "sro"],
            Memory(),
            Plan("compare", "training", ("sso", "sro")),
        ),
        (
            "ask_definition",
            "what about the campus safety officers, same place?",
            ["sso"],
            Memory(role="sro", topic="training"),
            Plan("answer", "training", ("sso",)),
        ),
        ("ask_arrest_powers", "are sso's gonna be at the schol dance", ["sso"], Memory(), Plan("answer", "hours", ("sso",))),
        # dev31: "the same thing as" the role just discussed compares the two
        (
            "ask_definition",
            "is that the same thing as an SRO?",
            ["sro"],
            Memory(role="sso", topic="definition"),
            Plan("compare", "definition", ("sso", "sro")),
        ),
        ("compare", "SRO vs campus safety officer, who does what?", ["sro", "sso"], Memory(), Plan("compare", "duties", ("sro", "sso"))),
        ("compare", "do securty oficers work w the police or nah", ["sso"], Memory(), Plan("answer", "works_with", ("sso",))),
        # dev32: a request for an overview read through its typo; "why is there" asks what a role is for
        ("ask_armed", "overveiw of privat securty in schools pls", ["private_security"], Memory(), Plan("answer", "definition", ("private_security",))),
        (
            "ask_hours",
            "why is there a police officer at my school all the time? is it because of drugs or something",
            ["sro"],
            Memory(),
            Plan("answer", "duties", ("sro",)),
        ),
        # dev33: "wut is"; a job in "trained for that job" is the training asked about
        ("ask_arrest_powers", "wut is a campus safty officer", ["sso"], Memory(), Plan("answer", "definition", ("sso",))),
        (
            "nlu_fallback",
            "I'm thinking about applying for a campus safety officer opening in my district. I have no law"
            " enforcement background at all. Where would I get trained for that job?",
            ["sso"],
            Memory(),
            Plan("answer", "training", ("sso",)),
        ),
        (
            "ask_works_with",
            "The security company guards at Friday night games, do they check in with school staff or the police?",
            ["private_security"],
            Memory(),
            Plan("answer", "works_with", ("private_security",)),
        ),
        (
            "ask_duties",
            "what is an SRO? my teacher said it and i didnt want to ask",
            ["sro"],
            Memory(),
            Plan("answer", "definition", ("sro",)),
        ),
        # dev35-dev37 readings
        ("ask_duties", "go on, what else is part of that job", [], Memory(role="sso", topic="duties"), Plan("more", "duties", ("sso",))),
        (
            "ask_duties",
            "and what part of the day do they tend to be scheduled for",
            [],
            Memory(role="private_security", topic="definition"),
            Plan("answer", "hours", ("private_security",)),
        ),
        # "more" with nothing said yet about a role that is named: what it is
        (
            "tell_more",
            "what's the short version on private security outfits at schools",
            ["private_security"],
            Memory(),
            Plan("answer", "definition", ("private_security",)),
        ),
        ("ask_definition", "Tell me what an SSO is.", ["sso"], Memory(), Plan("answer", "definition", ("sso",))),
        # a comparison about nobody on the staff is off topic
        ("compare", "Which river runs through Budapest?", [], Memory(), Plan("off_topic", OVERVIEW)),
        ("compare", "how are they different", [], Memory(), Plan("compare", OVERVIEW, ("sro", "sso", "private_security"))),
        # the story says it is about the staff
        (
            "compare",
            "My teacher wants me to explain the different kinds of safety personnel. What types are there?",
            [],
            Memory(),
            Plan("compare", OVERVIEW, ("sro", "sso", "private_security")),
        ),
        # "how does that work for" another role: the last question for it
        (
            "ask_hours",
            "and how does that work for the SROs?",
            ["sro"],
            Memory(role="sso", topic="arrest"),
            Plan("answer", "arrest", ("sro",)),
        ),
        ("ask_duties", "what fills up a school security officer's workday, roughly?", ["sso"], Memory(), Plan("answer", "duties", ("sso",))),
        ("ask_hours", "curious what an SRO spends their time on", ["sro"], Memory(), Plan("answer", "duties", ("sro",))),
        ("nlu_fallback", "so an SSO is basically what, exactly?", ["sso"], Memory(), Plan("answer", "definition", ("sso",))),
        (
            "ask_employer",
            "Give me a side-by-side of SROs and private security firms.",
            ["sro", "private_security"],
            Memory(),
            Plan("compare", OVERVIEW, ("sro", "private_security")),
        ),
        ("compare", "same deal for SROs?", ["sro"], Memory(role="sso", topic="training"), Plan("answer", "training", ("sro",))),
        # "they" are the role just discussed, the district's security officers their partner
        (
            "ask_works_with",
            "do they work with the district's security officers?",
            ["sso"],
            Memory(role="sro", topic="definition"),
            Plan("answer", "works_with", ("sro",)),
        ),
        (
            "ask_works_with",
            "which organization brings them on as staff?",
            [],
            Memory(role="sso", topic="definition"),
            Plan("answer", "employer", ("sso",)),
        ),
        # dev38 readings
        (
            "ask_duties",
            "Which agency is responsible for placing a School Resource Officer at a particular campus?",
            ["sro"],
            Memory(),
            Plan("answer", "employer", ("sro",)),
        ),
        ("compare", "and the district's security officers, same thing?", ["sso"], Memory(role="sro", topic="armed"), Plan("answer", "armed", ("sso",))),
        (
            "ask_not_covered",
            "Does an SRO hold a police commission in Washington?",
            ["sro"],
            Memory(),
            Plan("answer", "arrest", ("sro",), also=("definition",)),
        ),
        ("nlu_fallback", "lay it out for me, what's the deal with campus security", ["sso"], Memory(), Plan("answer", "definition", ("sso",))),
        # dev39 readings
        (
            "compare",
            "a guard from a private firm versus a security officer the district employs, what sets them apart?",
            ["private_security", "sso"],
            Memory(),
            Plan("compare", OVERVIEW, ("private_security", "sso")),
        ),
        (
            "ask_works_with",
            "the security officer at our school works with the SRO, but what does the security officer actually do?",
            ["sso"],
            Memory(),
            Plan("answer", "duties", ("sso",)),
        ),
        ("ask_duties", "quick one, what's an SRO supposed to be?", ["sro"], Memory(), Plan("answer", "definition", ("sro",))),
        # dev40 readings: who is meant, said around the name, is no topic
        (
            "compare",
            "How is a school resource officer different from someone working for a private security company?",
            ["sro", "private_security"],
            Memory(),
            Plan("compare", OVERVIEW, ("sro", "private_security")),
        ),
        (
            "ask_definition",
            "who are the guards in black shirts at the basketball games? my mom says they're from a company",
            ["private_security"],
            Memory(),
            Plan("answer", "definition", ("private_security",)),
        ),
        ("ask_not_covered", "could you fill me in a bit on campus safety officers?", ["sso"], Memory(), Plan("answer", "definition", ("sso",))),
        # the last question again, for another role: "is it the same place for SROs?" after where SSOs train
        ("compare", "is it the same place for SROs?", ["sro"], Memory(role="sso", topic="training"), Plan("answer", "training", ("sro",))),
        # a question after a statement naming the role: "…resource deputy at my kid's elementary now. Is he there all day?"
        (
            "inform_role",
            "There's a resource deputy at my kid's elementary now. Is he there all day?",
            ["sro"],
            Memory(),
            Plan("answer", "hours", ("sro",)),
        ),
        # dev43: asking what a role is, whatever topic DIET read
        ("ask_duties", "How does Washington define the role of a School Resource Officer?", ["sro"], Memory(), Plan("answer", "definition", ("sro",))),
        ("ask_employer", "tell me a bit about the private security they hire for schools", ["private_security"], Memory(), Plan("answer", "definition", ("private_security",))),
        (
            "ask_duties",
            "The guard at my son's high school works for the district, not a company. What's that role called?",
            ["sso"],
            Memory(),
            Plan("answer", "definition", ("sso",)),
        ),
        # a statement checked with "is that true" whether a role is the police, read as armed
        ("ask_armed", "my friend said the SRO isnt a real police officer is that true", ["sro"], Memory(), IS_SRO_POLICE),
        # dev44: a topic named in the clause with "who are those" is asked; "keep going" asks for the detail
        (
            "ask_definition",
            "When a school has private security, who are those guards hired through?",
            ["private_security"],
            Memory(),
            Plan("answer", "employer", ("private_security",)),
        ),
        ("ask_arrest_powers", "keep going on the arrest part please", [], Memory(role="sso", topic="arrest"), Plan("more", "arrest", ("sso",))),
        ("ask_training", "I'd like to learn about school security officers.", ["sso"], Memory(), Plan("answer", "definition", ("sso",))),
        # dev45: a clause saying where a role works describes it; "the work of" and what a role
        # "does on campus" ask its duties; "guards from a private company" only switch the role
        (
            "ask_employer",
            "give me the rundown on private security companies that work for schools",
            ["private_security"],
            Memory(),
            Plan("answer", "definition", ("private_security",)),
        ),
        (
            "compare",
            "How does the work of an SRO differ from what a private security guard does on campus?",
            ["sro", "private_security"],
            Memory(),
            Plan("compare", "duties", ("sro", "private_security")),
        ),
        (
            "compare",
            "What separates the job of a campus safety officer from that of a hired private security guard?",
            ["sso", "private_security"],
            Memory(),
            Plan("compare", "duties", ("sso", "private_security")),
        ),
        (
            "ask_definition",
            "what about guards from a private company?",
            ["private_security"],
            Memory(role="sso", topic="employer"),
            Plan("answer", "employer", ("private_security",)),
        ),
        # dev46: "which agency" asks the employer only when no other topic is named; a hire told
        # is no employer question; "be working on", "work side by side", "involve"; a belt worn
        # is the equipment the page names; "would you classify" opens a question whether a role is the police
        (
            "ask_employer",
            "Which agency most often provides training for SSOs in Washington State?",
            ["sso"],
            Memory(),
            Plan("answer", "training", ("sso",)),
        ),
        ("ask_definition", "which agency is the SRO from?", ["sro"], Memory(), Plan("answer", "employer", ("sro",))),
        (
            "ask_employer",
            "my nephew got hired as a safety and security specialist at the district, what will his job involve?",
            ["sso"],
            Memory(),
            Plan("answer", "duties", ("sso",)),
        ),
        (
            "ask_definition",
            "My grandson's school has an SRO who seems very involved. What is an SRO supposed to be working on at school?",
            ["sro"],
            Memory(),
            Plan("answer", "duties", ("sro",)),
        ),
        (
            "compare",
            "Do school security officers and SROs ever work side by side on the same campus?",
            ["sso", "sro"],
            Memory(),
            Plan("compare", "works_with", ("sso", "sro")),
        ),
        (
            "ask_armed",
            "do campus safety officers wear a duty belt with gear like cops do?",
            ["sso"],
            Memory(),
            Plan("answer", "armed", ("sso",)),
        ),
        (
            "ask_employer",
            "Would you classify a School Resource Officer as commissioned law enforcement or as school staff?",
            ["sro"],
            Memory(),
            Plan("answer", "arrest", ("sro",), also=("definition",)),
        ),
        # dev45: with no role named, a qualifier alone names its topic only for a person pointed at
        ("ask_duties", "Can you check my answers on these fraction problems?", [], Memory(), Plan("off_topic", "duties")),
        ("ask_duties", "what problems do they deal with?", [], Memory(), Plan("ask_role", "duties")),
        # dev47: ways to ask what a role is; "custody" is arrest
        (
            "ask_employer",
            "how does the whole private-security-at-schools thing work",
            ["private_security"],
            Memory(),
            Plan("answer", "definition", ("private_security",)),
        ),
        ("ask_duties", "break down what an SRO is for me, no jargon pls", ["sro"], Memory(), Plan("answer", "definition", ("sro",))),
        (
            "ask_employer",
            "Do private security firms ever staff schools?",
            ["private_security"],
            Memory(),
            Plan("answer", "definition", ("private_security",)),
        ),
        (
            "compare",
            "Can both SROs and campus safety officers take a student into custody?",
            ["sro", "sso"],
            Memory(),
            Plan("compare", "arrest", ("sro", "sso")),
        ),
        (
            # dev48: the last question again, for the role named before it
            "compare",
            "and for SROs, is it the same place?",
            ["sro"],
            Memory(role="sso", topic="training"),
            Plan("answer", "training", ("sro",)),
        ),
        # dev49: the last question again for a role a clause describes
        (
            "ask_hours",
            "And the rented guards from the firm that works our Friday night dances?",
            ["private_security"],
            Memory(role="sro", topic="arrest"),
            Plan("answer", "arrest", ("private_security",)),
        ),
        # dev49: an evening in the story sets the scene; the question compares the roles as a whole
        (
            "compare",
            "At back-to-school night I met both our SRO and a school security officer and honestly couldn't "
            "tell them apart, so what distinguishes one from the other?",
            ["sro", "sso"],
            Memory(),
            Plan("compare", "overview", ("sro", "sso")),
        ),
        # dev49: a polite instruction inside a sentence asks; it does not introduce the role
        (
            "ask_employer",
            "For the purposes of our board minutes, please specify which agency, police department or "
            "sheriff's office, assigns a School Resource Officer to an individual campus.",
            ["sro"],
            Memory(),
            Plan("answer", "employer", ("sro",)),
        ),
        # dev49: the big picture of a job is what the role is
        (
            "nlu_fallback",
            "I want to understand the school security officer job before the parent meeting tonight, "
            "can you give me the big picture?",
            ["sso"],
            Memory(),
            Plan("answer", "definition", ("sso",)),
        ),
        # dev51: what a shift involves is the duties; DIET's reading stands between two topics
        ("ask_duties", "What does a campus safety officer's shift at our middle school actually involve?", ["sso"], Memory(), Plan("answer", "duties", ("sso",))),
        ("ask_hours", "Does the SRO deal with drug activity around the school grounds too?", ["sro"], Memory(), Plan("answer", "duties", ("sro",))),
        ("ask_definition", "Which gangs or drug problems is the SRO tackling at the high school?", ["sro"], Memory(), Plan("answer", "duties", ("sro",))),
        ("ask_duties", "the private security firm a district sometimes hires, what do those people do?", ["private_security"], Memory(), Plan("answer", "duties", ("private_security",))),
        # dev51: accreditation is not covered; "tel me abt" asks what a role is; "stack up against" compares
        ("ask_duties", "Which organization accredits school resource officer programs nationally?", ["sro"], Memory(), Plan("not_covered", "")),
        ("ask_armed", "tel me abt campus security officers", ["sso"], Memory(), Plan("answer", "definition", ("sso",))),
        ("ask_not_covered", "how does that stack up against who employs the SSO?", ["sso"], Memory(role="sro", topic="employer"), Plan("compare", "employer", ("sro", "sso"))),
        # dev51: a comparison reading of a question about the Safety Center's address asks for the contact
        ("compare", "Where is the Safety Center's building, and what PO box do I mail to?", [], Memory(), Plan("contact", "")),
        ("compare", "Which river runs through Budapest?", [], Memory(), Plan("off_topic", "overview")),
        # dev50: more keywords
        ("ask_not_covered", "How do the powers of an SRO stack up against a campus safety officer's?", ["sro", "sso"], Memory(), Plan("compare", "arrest", ("sro", "sso"))),
        # ("who gives" is no employer keyword: "who gives the police officer at my school money" asks who funds them)
        # dev50: "true cop", "really a policeman" ask whether the role is the police
        ("ask_arrest_powers", "my dad says the SRO is a true cop, is she really a policewoman?", ["sro"], Memory(), Plan("answer", "arrest", ("sro",), also=("definition",))),
        ("ask_hours", "what are the rent-a-cops doing at the Sunday swim meet?", ["private_security"], Memory(), Plan("answer", "duties", ("private_security",))),
        ("ask_duties", "what's the whole deal with campus safety officers, I see one at the gate every day", ["sso"], Memory(), Plan("answer", "definition", ("sso",))),
        # dev52: "keep going, …" asks for more whatever DIET read into the rest ("Mr." ends no sentence)
        ("ask_training", "keep going, I'm taking notes for Mr. Okafor's civics class", [], Memory(role="sro", topic="definition"), Plan("more", "definition", ("sro",))),
        ("ask_training", "keep going, how are they trained?", [], Memory(role="sro", topic="definition"), Plan("answer", "training", ("sro",))),
        # dev52: what a role is and whether it is the police, with no topic named
        ("ask_duties", "wats an SRO do they count as reel police", ["sro"], Memory(), IS_SRO_POLICE),
        # dev52: a lone question opening "what's a …" asks what the role is; "gonna do" asks its duties
        ("ask_duties", "so what's a safety and security specialist at a school even, asking for my cousin", ["sso"], Memory(), Plan("answer", "definition", ("sso",))),
        ("ask_duties", "what's a campus safety officer gonna do if my kid fights", ["sso"], Memory(), Plan("answer", "duties", ("sso",))),
        ("ask_duties", "what's the SRO allowed to do here", ["sro"], Memory(), Plan("answer", "duties", ("sro",))),
        # dev52: why there is an officer at school asks what they do, not when
        ("ask_hours", "how come theres a police guy at my school every day", ["sro"], Memory(), Plan("answer", "duties", ("sro",))),
        # dev53: a wh-clause asking after a statement clause asks its own topic, not the story's
        ("ask_definition", "our district put 'safety and security specialists' on its own payroll as school security officers, what are those folks responsible for?", ["sso"], Memory(), Plan("answer", "duties", ("sso",))),
        ("ask_definition", "the district hired two more school security officers last spring, who pays them?", ["sso"], Memory(), Plan("answer", "funding", ("sso",))),
        # …but not after a clause that asks too: two questions, DIET's reading stands
        ("ask_employer", "who hires the school security officers, and what are they responsible for?", ["sso"], Memory(), Plan("answer", "employer", ("sso",))),
        # dev53: a yes-or-no lead-in before whether a role holds a police commission
        ("ask_duties", "Quick yes or no for my notes: does a school resource officer hold a police commission in Washington?", ["sro"], Memory(), IS_SRO_POLICE),
        ("ask_employer", "does the SRO have a police commission?", ["sro"], Memory(), IS_SRO_POLICE),
        ("ask_employer", "does the SRO work for the police department like a real cop?", ["sro"], Memory(), Plan("answer", "employer", ("sro",))),
        # dev53: two names of one role compared, read as another topic
        ("ask_duties", "Is a campus safety officer the same job as a school security officer?", ["sso"], Memory(), Plan("answer", "definition", ("sso",))),
        ("ask_armed", "are campus safety officers armed the same as school security officers?", ["sso"], Memory(), Plan("answer", "armed", ("sso",))),
        # dev53: a shift is when the work is done, unless nothing else is asked
        ("ask_hours", "What sort of work fills a school security officer's shift?", ["sso"], Memory(), Plan("answer", "duties", ("sso",))),
        ("ask_duties", "what shifts do school security officers work?", ["sso"], Memory(), Plan("answer", "hours", ("sso",))),
        ("ask_hours", "does the sro or the private security company handle the night shifts at school?", ["sro", "private_security"], Memory(), Plan("compare", "hours", ("sro", "private_security"))),
        # …and the replay after them: "do/does" opens no question whether a role is the police, an
        # employer choice spans no other words, "which organization" gives way to training
        ("compare", "quick one - is a CSO a different job from an SSO or just another name for it", ["sso"], Memory(), Plan("answer", "definition", ("sso",))),
        ("ask_works_with", "do the security guys at my school ever get the real police to help them", ["sso"], Memory(), Plan("answer", "works_with", ("sso",))),
        ("ask_works_with", "does campus security back up the cops", ["sso"], Memory(), Plan("answer", "works_with", ("sso",))),
        ("ask_employer", "why does the school cop come to our school does the school pay him or the police", ["sro"], Memory(), Plan("answer", "funding", ("sro",))),
        ("ask_employer", "Which organization most often provides training for School Security Officers in Washington State?", ["sso"], Memory(), Plan("answer", "training", ("sso",))),
        ("ask_duties", "what's the deal with campus safety officers, like what do they actually do all day", ["sso"], Memory(), Plan("answer", "duties", ("sso",))),
        ("compare", "Campus safety officer vs school security officer: are those two different jobs?", ["sso"], Memory(), Plan("answer", "definition", ("sso",))),
        ("ask_works_with", "do they work alone or with the cops?", [], Memory(role="sso", topic="duties"), Plan("answer", "works_with", ("sso",))),
        # dev55: the story before an asking clause names no topic of the question
        ("ask_employer", "my nieces highschool just hired some privat securty compny, what even is a private securty firm in a scool settng", ["private_security"], Memory(), Plan("answer", "definition", ("private_security",))),
        ("ask_employer", "my district just posted a job for a 'safety and security specialist' on its own staff, what even is that role?", ["sso"], Memory(), Plan("answer", "definition", ("sso",))),
        ("ask_works_with", "I'm putting together a handout for incoming kindergarten parents, what different kinds of school safety staff exist?", [], Memory(), Plan("compare", "overview", tuple(KB.roles))),
        ("compare", "gimme a quick rundown of who keeps schools safe, like what roles are there", [], Memory(), Plan("compare", "overview", tuple(KB.roles))),
        ("compare", "Does a school resource officer do different things than a campus safety officer?", ["sro", "sso"], Memory(), Plan("compare", "duties", ("sro", "sso"))),
        ("ask_definition", "and do the private security guys fit into that?", ["private_security"], Memory(role="sro", topic="works_with"), Plan("answer", "works_with", ("private_security",))),
        ("ask_duties", "what does hired private security actually do at a school", ["private_security"], Memory(), Plan("answer", "duties", ("private_security",))),
        ("ask_training", "Which body handles SRO training in this state?", ["sro"], Memory(), Plan("answer", "training", ("sro",))),
        # dev56: "vs." ends no sentence, a normal day asks the duties, "the answer be the same for",
        # a role singled out for more after the overview, helping the police, a guard "from the company"
        ("compare", "Police officer at school vs. guard from a security company: who pays for each one?", ["sro", "private_security"], Memory(), Plan("compare", "funding", ("sro", "private_security"))),
        ("ask_duties", "What does each of the three kinds of school safety staff do on a normal day, side by side?", [], Memory(), Plan("compare", "duties", tuple(KB.roles))),
        ("compare", "Would the answer be the same for a district security officer, like the guy who runs the front gate at my school?", ["sso"], Memory(role="sro", topic="training"), Plan("answer", "training", ("sso",))),
        ("tell_more", "tell me more about the SSO one", ["sso"], Memory(compared=tuple(KB.roles)), Plan("answer", "definition", ("sso",))),
        ("tell_more", "more about the SRO please", ["sro"], Memory(compared=("sro", "sso"), topic="armed"), Plan("more", "armed", ("sro",))),
        ("ask_arrest_powers", "do the guard people from the company help the real police catch bad guys", ["private_security"], Memory(), Plan("answer", "works_with", ("private_security",))),
        ("ask_armed", "do the guards from the private firm carry anything, pepper spray, a baton, whatever?", ["private_security"], Memory(), Plan("answer", "armed", ("private_security",))),
        # dev57: working with "the cops" is no identity question, a role switched by "if … instead",
        # "what is that job", "how do I do that?" after a contact request, an opinion
        ("ask_arrest_powers", "do secruity offcers work w the cops", ["sso"], Memory(), Plan("answer", "works_with", ("sso",))),
        ("compare", "and if the SRO caught them instead?", ["sro"], Memory(role="sso", topic="arrest"), Plan("answer", "arrest", ("sro",))),
        ("ask_duties", "I keep hearing about the school security officer at my son's school. What is that job, exactly?", ["sso"], Memory(), Plan("answer", "definition", ("sso",))),
        ("ask_training", "I'd like to reach someone at the state's school safety office. How do I do that?", [], Memory(), Plan("contact", "")),
        ("ask_definition", "Is there a person I could talk to about school security staff?", ["sso"], Memory(), Plan("contact", "")),
        ("ask_not_covered", "Honestly, do you think stationing cops in schools does more harm than good?", [], Memory(), Plan("not_covered", "")),
    ],
)
def test_plan(intent, text, mentioned, memory, expected):
    assert plan(KB, intent, text, mentioned, memory) == expected


@pytest.mark.parametrize(
    "intent, text",
    [
        ("ask_arrest_powers", "the SRO arrested my daughter today, do we need an attorney?"),
        ("compare", "can I sue the SSO or the SRO for grabbing my son"),
        ("ask_arrest_powers", "can the sro search my kids backpack and arrest him for what he finds"),
        ("ask_armed", "is campus security allowed to tase a kid"),
        ("ask_definition", "how many SROs does our district have?"),
        ("ask_funding", "what's the average salary of an SRO, and who pays it?"),
        ("compare", "is it better to have an SRO or private security at an elementary school"),
        # the page says who can arrest, never at what age
        ("ask_arrest_powers", "Is an SRO allowed to handcuff a 10-year-old?"),
        ("ask_arrest_powers", "can the sro arrest a 3rd grader"),
        ("ask_arrest_powers", "can the school resource officer put cuffs on an elementary school kid"),
        ("ask_hours", "how long do they stay assigned to the same school"),
        ("ask_arrest_powers", "does the SRO have to call the parents before an arrest?"),
        ("ask_employer", "does the SRO share information about my son with the sheriff's office?"),
        ("ask_works_with", "can the teachers tell the SRO to stay out of the lunchroom?"),
        # the page says where they are trained, not what the training holds
        ("ask_training", "Are SROs specifically trained in de-escalation or mental health crisis response?"),
        ("ask_definition", "which companies are approved to do that in Washington?"),
        ("ask_employer", "do school resource officers have to live in the district where they work"),
        ("ask_training", "What topics are covered in the SRO training course at the academy?"),
        # dev46: arrest records, age limits for hiring, pay
        ("ask_arrest_powers", "Do SROs report student arrests to a statewide database?"),
        ("ask_employer", "Is there an age requirement to get hired as a campus safety officer?"),
        ("ask_funding", "do they get paid well?"),
        ("ask_armed", "do the officers wear a uniform?"),
        # dev47: what an arrest leaves behind; opinions
        ("ask_arrest_powers", "Does an arrest at school by the SRO go on a juvenile record?"),
        ("compare", "Do you think it is a good thing to station SROs in schools?"),
    ],
)
def test_a_question_the_source_does_not_cover_is_not_answered_from_a_topic(intent, text):
    remembered = Memory(role="sro", topic="arrest")
    legal = plan(KB, intent, text, ["sro"], remembered)
    assert legal == Plan("not_covered", "")
    assert legal.memory(remembered) == remembered


@pytest.mark.parametrize(
    "intent, text, topic",
    [
        # an age with another topic, or in the story around an arrest question, is answered
        ("ask_duties", "what does the sro do all day with 6 year olds", "duties"),
        ("ask_arrest_powers", "My 14 year old got into a fight. Can the SRO arrest him?", "arrest"),
    ],
)
def test_an_age_limits_only_arrest_questions(intent, text, topic):
    assert plan(KB, intent, text, ["sro"], Memory()) == Plan("answer", topic, ("sro",))


def test_memory_after_each_kind_of_plan():
    assert Plan("answer", "armed", ("sso",)).memory() == Memory(role="sso", topic="armed")
    assert Plan("compare", OVERVIEW, ("sro", "sso")).memory() == Memory(compared=("sro", "sso"))
    assert Plan("compare", "arrest", ALL).memory() == Memory(compared=ALL, topic="arrest")
    assert Plan("ask_role", "duties").memory() == Memory(topic="duties")


def test_the_last_two_roles_answered_are_the_pair_those_two_refers_to():
    # "who employs an SSO?" - "and the SRO?" - "how does the funding work for those two?"
    after_sso = Plan("answer", "employer", ("sso",)).memory()
    after_sro = Plan("answer", "employer", ("sro",)).memory(after_sso)
    assert after_sro == Memory(role="sro", compared=("sso", "sro"), topic="employer")
    assert plan(KB, "ask_funding", "how does the funding work for those two?", [], after_sro) == Plan(
        "compare", "funding", ("sso", "sro")
    )
    # a pronoun follow-up still answers for the role asked about last
    assert plan(KB, "ask_armed", "are they armed?", [], after_sro) == Plan("answer", "armed", ("sro",))
    # the pair outlives a follow-up on one of its roles, not one on the same role alone
    after_armed = Plan("answer", "armed", ("sro",)).memory(after_sro)
    assert after_armed.compared == ("sso", "sro")
    assert Plan("answer", "armed", ("sso",)).memory(after_sso).compared == ()


STATEMENT = "There's a security officer at my son's school."
QUESTION = "what's the security officer at my son's school?"


def test_readings_that_lead_to_the_same_answer_pool_their_confidence():
    # Two readings below the 0.5 threshold, both "explain SSOs": together they clear it.
    ranking = [("nlu_fallback", 0.5), ("inform_role", 0.38), ("ask_definition", 0.30), ("greet", 0.1)]
    assert agreed_plan(KB, ranking, QUESTION, ["sso"], Memory()) == Plan("answer", "definition", ("sso",))


@pytest.mark.parametrize(
    "ranking",
    [
        [("nlu_fallback", 0.4), ("ask_armed", 0.3), ("ask_arrest_powers", 0.29), ("greet", 0.2)],
        [("inform_role", 0.38), ("ask_definition", 0.3)],  # the dialogue policy was unsure
    ],
)
def test_a_statement_naming_one_role_is_explained_whatever_the_readings(ranking):
    assert agreed_plan(KB, ranking, STATEMENT, ["sso"], Memory()) == Plan("answer", "definition", ("sso",))
    # after a question, "and the SRO." answers the remembered topic for the role it names
    after_armed = Memory(role="sso", topic="armed")
    assert agreed_plan(KB, ranking, "and the SRO.", ["sro"], after_armed) == Plan("answer", "armed", ("sro",))


@pytest.mark.parametrize(
    "intent, text, mentioned",
    [
        ("ask_employer", "Our middle school hired a private security company last fall.", ["private_security"]),
        ("ask_employer", "There's an officer employed by the sheriff at my daughter's school.", ["sro"]),
        ("ask_hours", "There's a guard from a security firm at all the football games.", ["private_security"]),
    ],
)
def test_a_statement_saying_only_who_hired_a_role_or_when_it_is_there_is_explained(intent, text, mentioned):
    # DIET reads "hired" as the employer question; the definition says who employs them too
    expected = Plan("answer", "definition", tuple(mentioned))
    assert plan(KB, intent, text, mentioned, Memory()) == expected
    assert agreed_plan(KB, [("nlu_fallback", 0.4), (intent, 0.3)], text, mentioned, Memory()) == expected


def test_a_question_about_who_hired_a_role_still_gets_the_employer():
    assert plan(KB, "ask_employer", "Who hired the private security company?", ["private_security"], Memory()) == Plan(
        "answer", "employer", ("private_security",)
    )


@pytest.mark.parametrize(
    "text, mentioned",
    [
        ("There's a security officer at my son's school and a police officer too.", ["sso", "sro"]),
        ("There's a security officer at my son's school, who is he", ["sso"]),  # asks, no "?"
        ("is there a security officer at my son's school", ["sso"]),
        ("There's a security officer at my son's school who carries a gun.", ["sso"]),  # names a topic
        ("I heard the security officer searched my son.", ["sso"]),  # a subject the source is silent on
    ],
)
def test_only_a_statement_naming_one_role_and_no_topic_introduces_it(text, mentioned):
    ranking = [("nlu_fallback", 0.4), ("ask_armed", 0.3), ("ask_arrest_powers", 0.29)]
    assert agreed_plan(KB, ranking, text, mentioned, Memory()) != Plan("answer", "definition", tuple(mentioned[:1]))


@pytest.mark.parametrize(
    "ranking, expected",
    [
        # the topic the question names is DIET's second reading
        (
            [("nlu_fallback", 0.4), ("ask_definition", 0.35), ("ask_employer", 0.3)],
            Plan("answer", "employer", ("sso",)),
        ),
        # other topic readings lead to the named topic too, so they pool with it
        (
            [("nlu_fallback", 0.4), ("ask_definition", 0.35), ("ask_duties", 0.3), ("ask_employer", 0.2)],
            Plan("answer", "employer", ("sso",)),
        ),
        # not among DIET's two best readings, but the best is about the staff: the question names the topic
        (
            [("nlu_fallback", 0.4), ("ask_definition", 0.35), ("ask_not_covered", 0.3), ("ask_employer", 0.2)],
            Plan("answer", "employer", ("sso",)),
        ),
        # not among DIET's two best readings, which are no topic: no guess
        ([("nlu_fallback", 0.4), ("greet", 0.35), ("ask_contact", 0.3), ("ask_employer", 0.2)], None),
    ],
)
def test_a_question_naming_one_role_and_one_topic_gets_it_when_diet_agrees(ranking, expected):
    assert agreed_plan(KB, ranking, "who hires school security officers?", ["sso"], Memory()) == expected


@pytest.mark.parametrize("text", ["more info pls", "more details please", "can you go into more detail on that"])
def test_an_unclear_request_for_more_after_an_answer_gets_its_detail(text):
    ranking = [("nlu_fallback", 0.4), ("greet", 0.3), ("ask_definition", 0.2)]
    after_armed = Memory(role="sso", topic="armed")
    assert agreed_plan(KB, ranking, text, [], after_armed) == Plan("more", "armed", ("sso",))


@pytest.mark.parametrize("text", ["more info pls", "what is a more serious threat"])
def test_more_is_a_request_for_detail_only_after_an_answer_and_in_a_message_of_nothing_else(text):
    ranking = [("nlu_fallback", 0.4), ("greet", 0.3), ("ask_definition", 0.2)]
    memory = Memory(role="sso", topic="armed") if text.startswith("what") else Memory()
    assert agreed_plan(KB, ranking, text, [], memory) is None


def test_an_unclear_request_for_the_kinds_of_staff_gets_the_overview():
    # dev56: read 0.29 not covered, 0.23 training
    ranking = [("nlu_fallback", 0.4), ("ask_not_covered", 0.29), ("ask_training", 0.23), ("compare", 0.16)]
    text = "Please list the separate categories of safety and security personnel a Washington school might have on site."
    assert agreed_plan(KB, ranking, text, [], Memory()) == Plan("compare", "overview", tuple(KB.roles))


def test_a_reading_overruled_by_the_not_covered_cues_pools_with_the_not_covered_reading():
    ranking = [("nlu_fallback", 0.4), ("ask_arrest_powers", 0.25), ("ask_not_covered", 0.2), ("greet", 0.1)]
    text = "can i be in the room when the school cop talks to my kid"
    assert agreed_plan(KB, ranking, text, ["sro"], Memory()) == Plan("not_covered", "")


def test_a_reading_overruled_by_the_contact_cues_pools_with_the_contact_reading():
    ranking = [("nlu_fallback", 0.4), ("compare", 0.55), ("ask_contact", 0.45)]
    text = "Which number do I dial to reach the School Safety Center?"
    assert agreed_plan(KB, ranking, text, [], Memory()) == Plan("contact", "")


@pytest.mark.parametrize(
    "ranking",
    [
        # different answers stay unclear
        [("nlu_fallback", 0.5), ("ask_armed", 0.41), ("ask_arrest_powers", 0.38)],
        # pooled, but not clearly ahead of another answer
        [("nlu_fallback", 0.5), ("inform_role", 0.3), ("ask_definition", 0.25), ("ask_not_covered", 0.4)],
        # a possible emergency or unknown words force the fallback with confidence 1.0
        [("nlu_fallback", 1.0), ("emergency", 0.5), ("inform_role", 0.3), ("ask_definition", 0.2)],
        # no fallback at all (the dialogue policy was unsure): nothing to pool against
        [("inform_role", 0.38), ("ask_definition", 0.3)],
    ],
)
def test_unclear_readings_are_not_pooled_into_an_answer(ranking):
    assert agreed_plan(KB, ranking, QUESTION, ["sso"], Memory()) is None


@pytest.mark.parametrize(
    "ranking, text, role",
    [
        (
            [("nlu_fallback", 0.4), ("ask_arrest_powers", 0.3), ("ask_employer", 0.21)],
            "tell me abt private securty at schools plz",
            "private_security",
        ),
        (
            [("nlu_fallback", 0.4), ("ask_not_covered", 0.47), ("ask_definition", 0.44)],
            "I keep hearing about SSOs in our meetings. Could you give me an overview of what a School Security"
            " Officer is?",
            "sso",
        ),
    ],
)
def test_an_unclear_request_only_to_explain_a_role_gets_what_the_role_is(ranking, text, role):
    assert agreed_plan(KB, ranking, text, [role], Memory()) == Plan("answer", "definition", (role,))


def test_a_statement_that_may_be_an_emergency_keeps_the_clarifying_question():
    ranking = [("nlu_fallback", 1.0), ("emergency", 0.5), ("inform_role", 0.3)]
    assert agreed_plan(KB, ranking, STATEMENT, ["sso"], Memory()) is None


@pytest.mark.parametrize(
    "text, role",
    [
        ("tell me about SSOs", "sso"),
        ("what is an SRO?", "sro"),
        ("Please provide an overview of the School Resource Officer role.", "sro"),
        ("How would you characterize a contracted private security provider operating in a school setting?", "private_security"),
        (
            "Our PTA is looking at next year and somebody floated the idea of hiring a private firm for events. I"
            " honestly don't know much about how that works. What should I know about private security in schools"
            " in general?",
            "private_security",
        ),
        (
            "My daughter is writing a civics paper about school safety. She needs a clear definition of a school"
            " resource officer and honestly I couldn't give her one. Can you help?",
            "sro",
        ),
    ],
)
def test_a_request_only_to_explain_a_role_read_as_not_covered_gets_what_the_role_is(text, role):
    assert plan_over_not_covered(KB, text, [role], Memory()) == Plan("answer", "definition", (role,))


def test_whether_a_role_is_the_police_read_as_not_covered_gets_the_arrest_fact_and_definition():
    text = "Is an SRO a commissioned law enforcement officer?"
    assert plan_over_not_covered(KB, text, ["sro"], Memory()) == Plan("answer", "arrest", ("sro",), ("definition",))


@pytest.mark.parametrize(
    "text, intent, role, topic",
    [
        ("Who signs the paychecks for campus safety officers?", "ask_funding", "sso", "employer"),
        ("when do the hired security guards from the company come to school", "ask_employer", "private_security", "hours"),
        # "police officer" names the role here; the question is what it does, not whether it is the police
        ("what does the police officer stationed at school actually spend their time on", "ask_hours", "sro", "duties"),
    ],
)
def test_the_topic_a_lone_question_names_outweighs_the_reading(text, intent, role, topic):
    assert plan(KB, intent, text, [role], Memory()) == Plan("answer", topic, (role,))


def test_a_request_for_more_of_the_topic_just_answered_read_as_not_covered_gets_its_detail():
    after_funding = Memory(role="sro", topic="funding")
    text = "can you tell me more about how that money works"
    assert plan_over_not_covered(KB, text, [], after_funding) == Plan("more", "funding", ("sro",))
    assert plan_over_not_covered(KB, "can you tell me more about how they search lockers", [], after_funding) is None


@pytest.mark.parametrize(
    "intent, text, role",
    [
        # dev54: a choice between employers, read as a comparison
        ("compare", "is the SRO usually a sheriff's deputy or a city cop", "sro"),
        ("compare", "is our SRO from the police or from the school", "sro"),
    ],
)
def test_a_choice_between_employers_gets_the_employer(intent, text, role):
    assert plan(KB, intent, text, [role], Memory()) == Plan("answer", "employer", (role,))


@pytest.mark.parametrize(
    "intent, text, memory",
    [
        # dev55: a request for more about the topic just answered, then words about the writer
        ("ask_training", "keep going on the money side of that, I want to explain it to my neighbors before the vote", Memory(role="sro", topic="funding")),
        ("ask_not_covered", "please go on about the hiring piece, I'm writing it up for our PTA newsletter", Memory(role="sro", topic="employer")),
        # dev56
        ("ask_funding", "Keep explaining the money side, I have to present this at the board meeting next Tuesday.", Memory(role="sro", topic="funding")),
        ("ask_armed", "Could you expand on that armed part a little? I'd like to understand it before the open house on Thursday.", Memory(role="sso", topic="armed")),
    ],
)
def test_a_request_for_more_of_the_last_topic_gets_its_detail_whatever_follows(intent, text, memory):
    expected = Plan("more", memory.topic, (memory.role,))
    answer = plan_over_not_covered(KB, text, [], memory) if intent == "ask_not_covered" else plan(KB, intent, text, [], memory)
    assert answer == expected


@pytest.mark.parametrize(
    "text",
    [
        # …but not when it asks something else, or about a subject the page is silent on
        "go on, can they search his locker?",
        "tell me more about whether they can search lockers",
    ],
)
def test_a_request_for_more_that_asks_a_subject_the_page_is_silent_on_is_not_covered(text):
    assert plan(KB, "tell_more", text, [], Memory(role="sro", topic="employer")) == Plan("not_covered", "")


@pytest.mark.parametrize(
    "text",
    [
        # dev53: searching a backpack, said as digging or going through it
        "the officer at my son's school dug through his backpack without phoning me first, are they allowed to do that?",
        "can the guard rummage in my daughter's bag?",
        "the security guy went through her purse, is that ok?",
    ],
)
def test_a_search_said_in_other_words_is_not_covered(text):
    assert plan(KB, "ask_duties", text, KB.roles_in(text), Memory()) == Plan("not_covered", "")


def test_a_subject_the_source_is_silent_on_stays_not_covered_when_it_names_a_role():
    assert plan_over_not_covered(KB, "tell me about SSOs searching lockers", ["sso"], Memory()) is None


@pytest.mark.parametrize(
    "ranking, contact",
    [
        ([("nlu_fallback", 0.4), ("ask_contact", 0.42), ("bot_challenge", 0.41), ("tell_more", 0.07)], True),
        ([("nlu_fallback", 0.4), ("bot_challenge", 0.3), ("ask_contact", 0.2)], True),
        ([("nlu_fallback", 0.4), ("ask_contact", 0.3), ("greet", 0.25)], False),  # one reading is not the contact
        ([("nlu_fallback", 0.4), ("ask_contact", 0.2), ("bot_challenge", 0.1)], False),  # too little weight
        ([("ask_contact", 0.5), ("bot_challenge", 0.4)], False),  # not an unclear message
    ],
)
def test_an_unclear_message_read_as_asking_for_a_person_or_the_contact_gets_the_contact(ranking, contact):
    assert wants_contact(ranking) is contact


def test_the_contact_keeps_what_was_discussed():
    before = Memory(role="sro", topic="arrest")
    assert Plan("contact", "").memory(before) == before


@pytest.mark.parametrize(
    "text, mentioned, expected",
    [
        ("Give me a side-by-side overview of SROs and SSOs.", ["sro", "sso"], Plan("compare", OVERVIEW, ("sro", "sso"))),
        (
            "Can you give me a general overview of private security firms at schools?",
            ["private_security"],
            Plan("answer", "definition", ("private_security",)),
        ),
        (
            "yo is the school cop lowkey allowed to actually book somebody or nah",
            ["sro"],
            Plan("answer", "arrest", ("sro",)),
        ),
        # "tackle" asks about force elsewhere; crime to tackle is what they do
        ("What kinds of crime are SROs assigned to tackle?", ["sro"], Plan("answer", "duties", ("sro",))),
        # dev47: "personnel" after a role name is part of it
        (
            "Give me a side-by-side overview of resource officers and private security personnel.",
            ["sro", "private_security"],
            Plan("compare", OVERVIEW, ("sro", "private_security")),
        ),
        # dev46: "agency" names no employer beside another topic
        (
            "Which agency most often provides training for SSOs in Washington State?",
            ["sso"],
            Plan("answer", "training", ("sso",)),
        ),
        # dev49: a story before ", so" and the question: the vote is no subject of the question
        (
            "Our levy vote is coming up in February, so who actually funds the school resource officers?",
            ["sro"],
            Plan("answer", "funding", ("sro",)),
        ),
    ],
)
def test_a_question_read_as_not_covered_that_the_page_answers_gets_its_answer(text, mentioned, expected):
    assert plan_over_not_covered(KB, text, mentioned, Memory()) == expected


def test_a_follow_up_read_as_not_covered_gets_its_topic_for_the_role_just_discussed():
    after_duties = Memory(role="sro", topic="duties")
    text = "are they allowed to arrest students though?"
    assert plan_over_not_covered(KB, text, [], after_duties) == Plan("answer", "arrest", ("sro",))
    # at the start of a conversation it asks about staff in general (dev49: "can officer ramirez arrest me")
    assert plan_over_not_covered(KB, text, [], Memory()) == Plan("compare", "arrest", tuple(KB.roles))
    kid = "if i get caught drawing on the dugout at recess can officer ramirez arrest me for real"
    assert plan_over_not_covered(KB, kid, [], Memory()) == Plan("compare", "arrest", tuple(KB.roles))
    assert plan_over_not_covered(KB, "can they search his locker?", [], after_duties) is None


def test_a_not_covered_question_pointing_at_staff_without_a_role_name_is_not_covered_not_off_topic():
    text = "Do parents have to be notified before an officer interviews a student?"
    assert plan_over_out_of_scope(KB, text, []) == Plan("not_covered", "")
    opinion = "Do you think it is a good thing to station cops in schools?"  # dev47
    assert plan_over_out_of_scope(KB, opinion, []) == Plan("not_covered", "")
    assert plan_over_out_of_scope(KB, "Do parents have to be notified before the field trip?", []) is None


@pytest.mark.parametrize(
    "text, mentioned, expected",
    [
        ("how do you learn to be a security guard at a school when you grow up", ["sso"], Plan("answer", "training", ("sso",))),
        ("can you tell me about school resource officers for my class project", ["sro"], Plan("answer", "definition", ("sro",))),
        ("what's an SSO, in plain english?", ["sso"], Plan("answer", "definition", ("sso",))),
        # dev51: whether a role is the police gets its arrest fact and definition here too
        (
            "My neighbor thinks he's just a district employee. Is an SRO actually a sworn law enforcement officer?",
            ["sro"],
            Plan("answer", "arrest", ("sro",), also=("definition",)),
        ),
        # naming no role, or asking nothing: off topic stands
        ("can you tell me about the field trip", [], None),
        ("my uncle is an SRO in Ohio and loves fishing.", ["sro"], None),
    ],
)
def test_a_question_read_as_off_topic_that_names_one_role_gets_its_topic(text, mentioned, expected):
    assert plan_over_out_of_scope(KB, text, mentioned) == expected


def test_an_unclear_request_for_an_overview_after_a_story_naming_one_role_gets_its_definition():
    text = (
        "We just moved here from out of state where the schools didn't have police on site. My kids' new school"
        " has an SRO and I honestly don't know anything about how the program works. Could you give me an overview?"
    )
    ranking = [("nlu_fallback", 0.4), ("ask_training", 0.22), ("compare", 0.14), ("inform_role", 0.11)]
    assert agreed_plan(KB, ranking, text, ["sro"], Memory()) == Plan("answer", "definition", ("sro",))


def test_a_story_ending_in_what_the_writer_would_like_to_understand_asks_it():
    text = (
        "My daughter's high school just added an SRO after years without one. I'm not taking sides,"
        " I'd just like to understand what his job involves day to day."
    )
    ranking = [("nlu_fallback", 0.4), ("ask_not_covered", 0.39), ("inform_role", 0.19), ("goodbye", 0.14)]
    assert agreed_plan(KB, ranking, text, ["sro"], Memory()) == Plan("answer", "duties", ("sro",))



@pytest.mark.parametrize(
    "text, memory, off_topic",
    [
        ("Compose a haiku about a sleepy cat on a windowsill.", Memory(), True),
        ("Which week does spring break fall on for high schools in our area?", Memory(), True),
        # gibberish, garbled or short: "Did you mean …?"
        ("zxqv blorp", Memory(), False),
        ("wat do skool securty ppl do all day", Memory(), False),
        ("what about that one", Memory(), False),
        # about the staff, or a follow-up to an answer
        ("what are the kinds of security at schools", Memory(), False),
        ("someone keeps texting my daughter threats what should we do", Memory(), False),
        ("Compose a haiku about a sleepy cat on a windowsill.", Memory(role="sso", topic="duties"), False),
    ],
)
def test_an_unclear_first_message_in_english_about_nothing_of_the_staff_is_off_topic(text, memory, off_topic):
    assert plainly_off_topic(KB, text, KB.roles_in(text), memory) is off_topic


@pytest.mark.parametrize(
    "text, memory, expected",
    [
        # dev39: a request for more read as off topic, after an answer
        ("could you flesh that out for me some more?", Memory(role="sso", topic="definition"), Plan("more", "definition", ("sso",))),
        ("could you flesh that out for me some more?", Memory(), None),
        # another topic, or a comparison, is no request for the same detail
        ("tell me more about their training", Memory(role="sso", topic="definition"), None),
        ("do they get more training than the others?", Memory(role="sso", topic="definition"), None),
        # dev54: naming the topic just answered
        ("can you tell me more about how that money works", Memory(role="sro", topic="funding"), Plan("more", "funding", ("sro",))),
    ],
)
def test_a_request_for_more_read_as_off_topic_gets_the_detail_of_the_last_answer(text, memory, expected):
    assert more_of_last_answer(KB, text, KB.roles_in(text), memory) == expected


@pytest.mark.parametrize(
    "intent, text, role, topic",
    [
        # dev set wordings a retrained DIET misread (2026-12-07): the words of the question decide
        ("ask_hours", "wtf is an SRO even", "sro", "definition"),
        ("ask_hours", "info on campus saftey officers plz", "sso", "definition"),
        ("ask_duties", "so what's the lowdown on this resource deputy setup?", "sro", "definition"),
        ("ask_duties", "Please summarize the role of the School Security Officer.", "sso", "definition"),
        ("ask_definition", "is the resource officer at school the whole day?", "sro", "hours"),
        ("compare", "who do privat security guards work 4", "private_security", "employer"),
        ("ask_works_with", "does the SRO have to go to like police school or something", "sro", "training"),
        ("nlu_fallback", "yo who's coughing up the cash for the deputy posted at our school, the district or the sheriff lol", "sro", "funding"),
    ],
)
def test_the_words_of_a_question_outweigh_a_misreading(intent, text, role, topic):
    assert plan(KB, intent, text, [role], Memory()) == Plan("answer", topic, (role,))


def test_a_number_of_officers_read_as_not_covered_is_not_the_contact():
    text = "Roughly what number of SROs are posted in Washington schools statewide this year?"
    assert plan_over_not_covered(KB, text, ["sro"], Memory()) is None


def test_a_plain_request_about_something_else_read_as_asking_for_more_is_off_topic():
    # the retrained DIET of 2026-12-07 read it 0.51 tell_more
    text = "Compose a haiku about a sleepy cat on a windowsill."
    assert plan(KB, "tell_more", text, [], Memory()).kind == "off_topic"
    assert plan(KB, "tell_more", "tell me more", [], Memory()).kind == "ask_role"


def test_a_college_degree_is_not_covered():
    assert plan(KB, "ask_training", "do they need a college degree?", [], Memory(role="sso", topic="duties")) == Plan(
        "not_covered", ""
    )
