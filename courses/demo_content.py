"""Demo course content for Peer Mentor Academy.

Written for this project as example training material: two courses for volunteer peer
mentors, a list of competencies and a small resource directory. It is plain data, with no
imports, and is intended for seeding demo and development sites.

Resources marked ``is_example: True`` are invented and use fictional phone numbers and
example.org addresses. Only the national crisis lines and emergency numbers are real
(``is_example: False``). Programmes should replace all of this with their own reviewed
material, safety procedure and local directory before training real mentors.
"""

COMPETENCIES = [
    {
        "slug": "active-listening",
        "name": "Active listening",
        "description": (
            "Giving full, visible attention, using open questions, reflections and summaries so "
            "that the mentee feels heard and understood."
        ),
    },
    {
        "slug": "empathy-validation",
        "name": "Empathy and validation",
        "description": (
            "Recognising and acknowledging a mentee's feelings as understandable, without "
            "judgement, minimising or false reassurance."
        ),
    },
    {
        "slug": "boundaries",
        "name": "Boundaries",
        "description": (
            "Keeping the relationship within the peer mentor role, agreeing clear expectations and "
            "looking after your own wellbeing and recovery."
        ),
    },
    {
        "slug": "confidentiality",
        "name": "Confidentiality",
        "description": (
            "Protecting what mentees share, explaining honestly when information must be passed "
            "on, and keeping records that are brief, factual and secure."
        ),
    },
    {
        "slug": "crisis-intervention",
        "name": "Crisis intervention",
        "description": (
            "Recognising signs of crisis, asking directly about suicide, and following the "
            "programme's safety procedure, involving a supervisor and emergency services when "
            "needed."
        ),
    },
    {
        "slug": "referral",
        "name": "Referral to resources",
        "description": (
            "Knowing the services and groups available and supporting mentees to connect with help "
            "that goes beyond the mentoring role."
        ),
    },
]

COURSES = [
    {
        "slug": "peer-mentor-foundations",
        "title": "Peer Mentor Foundations",
        "summary": (
            "The essential starting point for every new peer mentor. Build the core skills of "
            "listening, holding boundaries and protecting confidentiality, and learn how to "
            "respond safely when someone is in crisis. Complete the modules in order; each ends "
            "with a short quiz."
        ),
        "learning_outcomes": [
            "Use open questions, reflections and summaries to help a mentee feel heard.",
            "Validate a mentee's feelings without judging, minimising or rushing to advise.",
            "Explain what the peer mentor role includes and where it ends.",
            "Agree and hold clear, warm boundaries, and know when to seek supervision.",
            "Explain confidentiality and its limits honestly, and keep brief, factual records.",
            "Recognise warning signs of crisis and ask directly about suicide.",
            (
                "Follow your programme's safety procedure, involving your supervisor and emergency "
                "services when a life is at immediate risk."
            ),
        ],
        "estimated_minutes": 150,
        "competencies": [
            "active-listening",
            "empathy-validation",
            "boundaries",
            "confidentiality",
            "crisis-intervention",
            "referral",
        ],
        "prerequisites": [],
        "sequential": True,
        "modules": [
            {
                "slug": "active-listening",
                "title": "Active listening",
                "estimated_minutes": 35,
                "competencies": ["active-listening", "empathy-validation"],
                "body": [
                    {
                        "type": "heading",
                        "value": {"text": "Why listening comes first", "level": "h2"},
                    },
                    {
                        "type": "rich_text",
                        "value": (
                            "<p>Many people who come to a peer mentor have spent a long time being "
                            "assessed, advised or hurried along. What they often have not had is "
                            "an unhurried conversation with someone who wants to understand how "
                            "things look from where they are standing. Good listening is the "
                            "ground everything else in peer mentoring is built on: trust, honest "
                            "conversation, and the mentee's own sense of what might "
                            "help.</p><p>Active listening is not the same as staying quiet while "
                            "someone talks. It is attention that the other person can actually "
                            "notice. It is a skill rather than a personality trait, which means it "
                            "can be learned, practised and improved, however confident you feel "
                            "today.</p>"
                        ),
                    },
                    {
                        "type": "heading",
                        "value": {"text": "The building blocks", "level": "h3"},
                    },
                    {
                        "type": "rich_text",
                        "value": (
                            "<ul><li><b>Attending.</b> Put your phone away, sit at an easy angle, "
                            "and let your face and posture show interest. On the phone or a video "
                            "call, small spoken signals such as 'mm' or 'go on' do the same "
                            "job.</li><li><b>Following.</b> Let the mentee set the direction. "
                            "Short encouragements and comfortable pauses give them room to say "
                            "more.</li><li><b>Reflecting.</b> Put what you have heard into your "
                            "own words, including the feeling behind it: 'It sounds as if that "
                            "left you feeling pretty alone.' Offer reflections tentatively so the "
                            "mentee can correct you.</li><li><b>Clarifying.</b> Use open "
                            "questions, which cannot be answered with a simple yes or no, such as "
                            "'What was that like for you?' Be careful with 'why' questions, which "
                            "can sound like a demand for "
                            "justification.</li><li><b>Summarising.</b> Every so often, draw the "
                            "threads together briefly. A summary checks that you have understood, "
                            "and it lets the mentee hear their own thoughts laid out in front of "
                            "them.</li></ul>"
                        ),
                    },
                    {
                        "type": "callout",
                        "value": {
                            "kind": "key_point",
                            "title": "Listening is not fixing",
                            "text": (
                                "<p>When someone we care about is struggling, the urge to solve "
                                "the problem is strong. Advice offered too early usually tells the "
                                "mentee that we have stopped listening. If you are unsure what "
                                "they want, ask: 'What would be most helpful from our time today?' "
                                "Sometimes the answer is ideas; often it is simply to be heard.</p>"
                            ),
                        },
                    },
                    {
                        "type": "heading",
                        "value": {"text": "Validation", "level": "h3"},
                    },
                    {
                        "type": "rich_text",
                        "value": (
                            "<p>Validation means recognising that a person's feelings make sense "
                            "given what they have lived through. It does not mean agreeing with "
                            "every decision they make, and it is not the same as reassurance. "
                            "'Anyone would feel worn down after a month like that' is validating. "
                            "'Don't worry, it will all be fine' is well meant, but it can leave "
                            "someone feeling brushed aside.</p>"
                        ),
                    },
                    {
                        "type": "heading",
                        "value": {"text": "Common traps", "level": "h3"},
                    },
                    {
                        "type": "rich_text",
                        "value": (
                            "<ul><li>Planning your reply while the other person is still "
                            "speaking.</li><li>Saying 'I know exactly how you feel'. Even with "
                            "shared experience, nobody knows exactly.</li><li>Moving quickly to "
                            "your own story so that the focus shifts to you.</li><li>Filling every "
                            "silence. A pause often comes just before the important "
                            "part.</li><li>Minimising ('at least you still have your job') or "
                            "offering false cheer.</li></ul>"
                        ),
                    },
                    {
                        "type": "scenario",
                        "value": {
                            "title": "A quiet first meeting",
                            "situation": (
                                "<p>You are meeting Sam for the first time in a community café. "
                                "Sam gives short answers, keeps checking their phone and says, 'I "
                                "don't really know why I'm here. My care coordinator thought it "
                                "might help.' After that there is a long pause, and you feel the "
                                "urge to fill it.</p>"
                            ),
                            "prompts": [
                                (
                                    "What might lie behind Sam's short answers and glances at the "
                                    "phone?"
                                ),
                                (
                                    "What could you say to make it easier to talk, without putting "
                                    "Sam under pressure?"
                                ),
                                (
                                    "How could you show you are listening if Sam stays quiet for a "
                                    "while?"
                                ),
                            ],
                        },
                    },
                    {
                        "type": "role_play",
                        "value": {
                            "title": "Reflect before you respond",
                            "roles": [
                                {
                                    "name": "Mentor",
                                    "brief": (
                                        "Listen for five minutes using only open questions, "
                                        "reflections and short summaries. Give no advice and tell "
                                        "none of your own stories."
                                    ),
                                },
                                {
                                    "name": "Mentee",
                                    "brief": (
                                        "Talk about a real but low-stakes frustration, such as a "
                                        "noisy neighbour or a difficult journey. Please do not "
                                        "choose something painful or very personal."
                                    ),
                                },
                                {
                                    "name": "Observer",
                                    "brief": (
                                        "Keep time. Note each open question, reflection and "
                                        "summary, and any moment when the mentor moved towards "
                                        "advice or their own experience."
                                    ),
                                },
                            ],
                            "brief": (
                                "<p>Work in threes. Run the conversation for five minutes, then "
                                "spend five minutes on the debrief before swapping roles so that "
                                "everyone plays each part once.</p>"
                            ),
                            "debrief_questions": [
                                (
                                    "Mentee: at what point did you feel most heard, and what did "
                                    "the mentor do?"
                                ),
                                (
                                    "Mentor: when did you feel the pull to give advice, and what "
                                    "did you do with it?"
                                ),
                                (
                                    "Observer: which reflection or summary seemed to move the "
                                    "conversation on?"
                                ),
                            ],
                        },
                    },
                    {
                        "type": "reflection",
                        "value": {
                            "prompt": (
                                "Think of a time when someone listened to you well during a "
                                "difficult period. What did they do, and what did they avoid doing?"
                            ),
                            "guidance": (
                                "Write a few private lines. You do not need to share the details "
                                "of the situation; focus on the listener's behaviour and what it "
                                "meant to you."
                            ),
                        },
                    },
                    {"type": "quiz", "value": {}},
                ],
                "quiz": {
                    "title": "Active listening: check your understanding",
                    "instructions": (
                        "Answer all the questions, then read the feedback on each one. The pass "
                        "mark is 80%."
                    ),
                    "pass_mark": 80,
                    "questions": [
                        {
                            "kind": "single",
                            "prompt": "Which of these is an open question?",
                            "vignette": "",
                            "competency": "active-listening",
                            "critical": False,
                            "points": 1,
                            "explanation": (
                                "Open questions invite the person to answer in their own words and "
                                "cannot be answered with a simple yes or no."
                            ),
                            "choices": [
                                {
                                    "text": "Did you sleep all right?",
                                    "correct": False,
                                    "feedback": (
                                        "This can be answered with a yes or a no, so it is a "
                                        "closed question."
                                    ),
                                },
                                {
                                    "text": "What has this week been like for you?",
                                    "correct": True,
                                    "feedback": (
                                        "Correct: it invites the mentee to describe the week in "
                                        "their own way."
                                    ),
                                },
                                {
                                    "text": "Are you feeling anxious?",
                                    "correct": False,
                                    "feedback": (
                                        "This is closed, and it also suggests a feeling the mentee "
                                        "may not have."
                                    ),
                                },
                                {
                                    "text": "You went to your appointment, didn't you?",
                                    "correct": False,
                                    "feedback": (
                                        "This is a leading, closed question that presumes the "
                                        "answer."
                                    ),
                                },
                            ],
                        },
                        {
                            "kind": "true_false",
                            "prompt": (
                                "Validating a mentee's feelings means agreeing with every decision "
                                "they make."
                            ),
                            "vignette": "",
                            "competency": "empathy-validation",
                            "critical": False,
                            "points": 1,
                            "explanation": (
                                "Validation recognises that feelings make sense given someone's "
                                "experience. You can validate a feeling without endorsing a "
                                "particular choice."
                            ),
                            "choices": [
                                {
                                    "text": "True",
                                    "correct": False,
                                    "feedback": (
                                        "Not quite: validation is about feelings making sense, not "
                                        "about agreeing with every decision."
                                    ),
                                },
                                {
                                    "text": "False",
                                    "correct": True,
                                    "feedback": (
                                        "Correct: you can acknowledge a feeling without agreeing "
                                        "with an action."
                                    ),
                                },
                            ],
                        },
                        {
                            "kind": "multiple",
                            "prompt": (
                                "Which of the following are part of active listening? Select all "
                                "that apply."
                            ),
                            "vignette": "",
                            "competency": "active-listening",
                            "critical": False,
                            "points": 1,
                            "explanation": (
                                "Summarising, tentative reflections and comfortable pauses all "
                                "show attention and help the mentee say more. Preparing advice or "
                                "switching to your own story takes attention away from them."
                            ),
                            "choices": [
                                {
                                    "text": "Briefly summarising what you have heard",
                                    "correct": True,
                                    "feedback": (
                                        "Yes: a summary checks understanding and lets the mentee "
                                        "hear their thoughts."
                                    ),
                                },
                                {
                                    "text": (
                                        "Reflecting the feeling behind what was said, tentatively"
                                    ),
                                    "correct": True,
                                    "feedback": (
                                        "Yes: tentative reflections show you are following and can "
                                        "be corrected."
                                    ),
                                },
                                {
                                    "text": "Allowing short silences",
                                    "correct": True,
                                    "feedback": "Yes: pauses give the mentee room to go further.",
                                },
                                {
                                    "text": (
                                        "Working out your advice while the mentee is still talking"
                                    ),
                                    "correct": False,
                                    "feedback": (
                                        "Planning your reply means you are no longer fully "
                                        "listening."
                                    ),
                                },
                                {
                                    "text": "Telling your own similar story straight away",
                                    "correct": False,
                                    "feedback": (
                                        "Jumping to your own story shifts the focus away from the "
                                        "mentee."
                                    ),
                                },
                            ],
                        },
                        {
                            "kind": "single",
                            "prompt": "Which response best shows active listening and validation?",
                            "vignette": (
                                "Your mentee says: 'Everyone keeps telling me to just get out "
                                "more. They don't get it.' They look tired and fed up."
                            ),
                            "competency": "empathy-validation",
                            "critical": False,
                            "points": 1,
                            "explanation": (
                                "The best response reflects both the content and the feeling, "
                                "without advice, argument or a claim to know exactly how the "
                                "mentee feels."
                            ),
                            "choices": [
                                {
                                    "text": (
                                        "'It sounds really frustrating when people suggest things "
                                        "that don't match how hard this feels.'"
                                    ),
                                    "correct": True,
                                    "feedback": (
                                        "Correct: this reflects the feeling and shows you have "
                                        "understood."
                                    ),
                                },
                                {
                                    "text": (
                                        "'Getting out more really does help. You should give it a "
                                        "go.'"
                                    ),
                                    "correct": False,
                                    "feedback": (
                                        "This repeats the advice the mentee has just said feels "
                                        "unhelpful."
                                    ),
                                },
                                {
                                    "text": "'I know exactly how you feel.'",
                                    "correct": False,
                                    "feedback": (
                                        "Nobody knows exactly, and this can move the focus on to "
                                        "you."
                                    ),
                                },
                                {
                                    "text": "'Why don't you just tell them to stop?'",
                                    "correct": False,
                                    "feedback": (
                                        "This jumps to a solution and the 'why' question can sound "
                                        "critical."
                                    ),
                                },
                            ],
                        },
                        {
                            "kind": "single",
                            "prompt": "What is the most helpful way to respond?",
                            "vignette": (
                                "At a first meeting, Sam gives very short answers and says, 'I "
                                "don't really know why I'm here.' Then Sam goes quiet."
                            ),
                            "competency": "active-listening",
                            "critical": False,
                            "points": 1,
                            "explanation": (
                                "Letting the mentee set the pace, asking an open question about "
                                "what they want and tolerating pauses helps build trust at a first "
                                "meeting."
                            ),
                            "choices": [
                                {
                                    "text": (
                                        "Ask lots of quick questions so there are no awkward "
                                        "silences"
                                    ),
                                    "correct": False,
                                    "feedback": (
                                        "A rapid run of questions can feel like an interrogation."
                                    ),
                                },
                                {
                                    "text": (
                                        "Say it is fine to take things slowly, ask an open "
                                        "question about what they might want from mentoring, and "
                                        "allow pauses"
                                    ),
                                    "correct": True,
                                    "feedback": (
                                        "Correct: this lowers the pressure and leaves room for Sam "
                                        "to talk."
                                    ),
                                },
                                {
                                    "text": (
                                        "Tell your own recovery story in detail to fill the time"
                                    ),
                                    "correct": False,
                                    "feedback": (
                                        "This fills the space with you rather than making room for "
                                        "Sam."
                                    ),
                                },
                                {
                                    "text": (
                                        "End the meeting early because Sam is clearly not ready"
                                    ),
                                    "correct": False,
                                    "feedback": (
                                        "Quietness at a first meeting is common and is not a "
                                        "reason to give up."
                                    ),
                                },
                            ],
                        },
                        {
                            "kind": "single",
                            "prompt": (
                                "What is the main purpose of summarising during a conversation?"
                            ),
                            "vignette": "",
                            "competency": "active-listening",
                            "critical": False,
                            "points": 1,
                            "explanation": (
                                "A summary checks that you have understood correctly and helps the "
                                "mentee hear and organise their own thoughts."
                            ),
                            "choices": [
                                {
                                    "text": (
                                        "To check your understanding and let the mentee hear their "
                                        "own thoughts"
                                    ),
                                    "correct": True,
                                    "feedback": "Correct: that is what a good summary does.",
                                },
                                {
                                    "text": "To show the mentee how much you remembered",
                                    "correct": False,
                                    "feedback": (
                                        "A summary is for the mentee's benefit, not to demonstrate "
                                        "your memory."
                                    ),
                                },
                                {
                                    "text": (
                                        "To steer the conversation towards the topic you prefer"
                                    ),
                                    "correct": False,
                                    "feedback": (
                                        "A summary should follow the mentee's direction, not yours."
                                    ),
                                },
                                {
                                    "text": "To arrive at a diagnosis",
                                    "correct": False,
                                    "feedback": (
                                        "Peer mentors do not diagnose, and summarising is not for "
                                        "that."
                                    ),
                                },
                            ],
                        },
                        {
                            "kind": "true_false",
                            "prompt": (
                                "Asking 'What would be most helpful from our time today?' can help "
                                "you avoid rushing into problem-solving."
                            ),
                            "vignette": "",
                            "competency": "active-listening",
                            "critical": False,
                            "points": 1,
                            "explanation": (
                                "Asking what the mentee wants lets them say whether they are "
                                "looking for ideas or simply want to be heard."
                            ),
                            "choices": [
                                {
                                    "text": "True",
                                    "correct": True,
                                    "feedback": (
                                        "Correct: it lets the mentee decide what kind of support "
                                        "they want."
                                    ),
                                },
                                {
                                    "text": "False",
                                    "correct": False,
                                    "feedback": (
                                        "Not quite: asking what would help is a simple way to "
                                        "avoid fixing too soon."
                                    ),
                                },
                            ],
                        },
                    ],
                },
            },
            {
                "slug": "boundaries",
                "title": "Boundaries",
                "estimated_minutes": 35,
                "competencies": ["boundaries", "referral"],
                "body": [
                    {
                        "type": "heading",
                        "value": {"text": "What boundaries are for", "level": "h2"},
                    },
                    {
                        "type": "rich_text",
                        "value": (
                            "<p>Boundaries are the agreed limits of the mentoring role. They "
                            "describe what you offer, when and how you are available, and where "
                            "your part ends and other support begins. Clear boundaries are not a "
                            "sign of coldness. They make the relationship predictable and safe for "
                            "the mentee, they protect your own wellbeing and recovery, and they "
                            "keep the work within what your programme can stand behind.</p><p>Peer "
                            "relationships are built on shared experience and a sense of equality, "
                            "which is exactly what makes them valuable. It also means the lines "
                            "can blur more easily than they would with a professional, so being "
                            "clear from the start matters even more.</p>"
                        ),
                    },
                    {
                        "type": "heading",
                        "value": {"text": "What the role is, and what it is not", "level": "h3"},
                    },
                    {
                        "type": "rich_text",
                        "value": (
                            "<p>As a peer mentor you are a companion and encourager: someone who "
                            "listens, shares experience with care, helps the mentee find their own "
                            "way forward and connects them to other support. You are <b>not</b> a "
                            "therapist, counsellor, doctor, social worker or crisis service. That "
                            "means you do not diagnose, you do not advise anyone to start, stop or "
                            "change medication, and you do not try therapeutic techniques you have "
                            "not been trained and authorised to use.</p>"
                        ),
                    },
                    {
                        "type": "heading",
                        "value": {"text": "Boundaries to agree early", "level": "h3"},
                    },
                    {
                        "type": "rich_text",
                        "value": (
                            "<ul><li><b>Contact.</b> Use the channels and hours your programme "
                            "sets, not your personal number or social media accounts, unless your "
                            "programme explicitly allows it.</li><li><b>Meetings.</b> Agree how "
                            "long sessions last, where they happen and how they are "
                            "rearranged.</li><li><b>Between sessions.</b> Make sure the mentee "
                            "knows you are not an emergency service and has out-of-hours crisis "
                            "contacts.</li><li><b>Money and favours.</b> Do not lend or give "
                            "money, accept significant gifts, give lifts or visit homes unless "
                            "your programme's policy permits it.</li><li><b>Dual "
                            "relationships.</b> If you already know a mentee in another part of "
                            "your life, tell your supervisor so they can decide how best to "
                            "proceed.</li><li><b>Endings.</b> Be open from the beginning that the "
                            "mentoring relationship will come to a planned end.</li></ul>"
                        ),
                    },
                    {
                        "type": "callout",
                        "value": {
                            "kind": "key_point",
                            "title": "Warm and clear can go together",
                            "text": (
                                "<p>Holding a boundary does not need to sound like a rejection. "
                                "Try pairing what you cannot do with what you can: 'I can't lend "
                                "money, but I'd be glad to look at some options with you.' Keep it "
                                "short and kind; long apologies can make a boundary feel "
                                "negotiable.</p>"
                            ),
                        },
                    },
                    {
                        "type": "heading",
                        "value": {"text": "Over-identification and dependency", "level": "h3"},
                    },
                    {
                        "type": "rich_text",
                        "value": (
                            "<p>Shared experience can draw you in. Warning signs include thinking "
                            "about a mentee constantly, feeling that their recovery depends on "
                            "you, bending rules 'just this once', or noticing old feelings of your "
                            "own being stirred up. On the mentee's side, dependency can show as "
                            "checking every decision with you or contacting you far more than "
                            "agreed.</p><p>The response is the same in both cases: support the "
                            "mentee to make their own decisions, help them widen their circle of "
                            "support through friends, groups and services, and bring the issue to "
                            "supervision early. Raising a boundary question with your supervisor "
                            "is good practice, not a failure. Your own recovery comes first; you "
                            "cannot support anyone well if you are running on empty.</p>"
                        ),
                    },
                    {
                        "type": "scenario",
                        "value": {
                            "title": "Late-night messages",
                            "situation": (
                                "<p>Jo has been mentoring Priya for two months. Priya recently "
                                "found Jo's personal number online and now sends long messages "
                                "late at night. The latest says, 'You're the only person who "
                                "understands me.' Jo feels touched, but is also tired, anxious "
                                "about missing something and unsure what to say.</p>"
                            ),
                            "prompts": [
                                "What might be happening for Priya, and for Jo?",
                                (
                                    "How could Jo reset contact warmly, without Priya feeling "
                                    "rejected?"
                                ),
                                (
                                    "What should Jo look for in the messages, and who should Jo "
                                    "talk to about them?"
                                ),
                                (
                                    "How could Jo help Priya build support beyond the mentoring "
                                    "relationship?"
                                ),
                            ],
                        },
                    },
                    {
                        "type": "role_play",
                        "value": {
                            "title": "Saying no kindly",
                            "roles": [
                                {
                                    "name": "Mentor",
                                    "brief": (
                                        "Decline the mentee's request clearly and warmly, explain "
                                        "briefly that it is outside the role, and explore other "
                                        "options together."
                                    ),
                                },
                                {
                                    "name": "Mentee",
                                    "brief": (
                                        "Ask your mentor to lend you forty pounds until payday. Be "
                                        "a little persistent, but respond realistically to how the "
                                        "mentor treats you."
                                    ),
                                },
                                {
                                    "name": "Observer",
                                    "brief": (
                                        "Note how the mentor held the boundary: was it clear, kind "
                                        "and brief? Did they over-explain or apologise repeatedly? "
                                        "Did they move on to alternatives?"
                                    ),
                                },
                            ],
                            "brief": (
                                "<p>Work in threes for four minutes per round, then swap roles. "
                                "Afterwards, discuss phrases that felt natural to say and to "
                                "hear.</p>"
                            ),
                            "debrief_questions": [
                                (
                                    "Mentee: how did the refusal feel, and what made it easier or "
                                    "harder to hear?"
                                ),
                                (
                                    "Mentor: what was the hardest moment, and what helped you stay "
                                    "clear?"
                                ),
                                "Which alternatives felt most useful to the mentee?",
                            ],
                        },
                    },
                    {
                        "type": "reflection",
                        "value": {
                            "prompt": (
                                "Which boundary do you expect to find hardest to hold, and why? "
                                "What could help you hold it?"
                            ),
                            "guidance": (
                                "Think about your own history and habits, such as a wish to rescue "
                                "people or a dislike of saying no. Consider raising what you "
                                "notice in supervision."
                            ),
                        },
                    },
                    {
                        "type": "resource_links",
                        "value": {
                            "title": "Widening the circle of support",
                            "intro": (
                                "Examples of groups and services a mentee might connect with "
                                "alongside mentoring."
                            ),
                            "categories": ["peer_support_group", "online_support"],
                        },
                    },
                    {"type": "quiz", "value": {}},
                ],
                "quiz": {
                    "title": "Boundaries: check your understanding",
                    "instructions": (
                        "Answer every question and read the feedback. The pass mark is 80%."
                    ),
                    "pass_mark": 80,
                    "questions": [
                        {
                            "kind": "multiple",
                            "prompt": (
                                "Which of these are part of the peer mentor role? Select all that "
                                "apply."
                            ),
                            "vignette": "",
                            "competency": "boundaries",
                            "critical": False,
                            "points": 1,
                            "explanation": (
                                "Peer mentors listen, share experience with care, encourage the "
                                "mentee's own decisions and connect them with other support. "
                                "Medication advice and therapy are outside the role."
                            ),
                            "choices": [
                                {
                                    "text": "Listening and sharing relevant experience with care",
                                    "correct": True,
                                    "feedback": "Yes: this is at the heart of peer mentoring.",
                                },
                                {
                                    "text": "Helping the mentee identify other sources of support",
                                    "correct": True,
                                    "feedback": (
                                        "Yes: widening the mentee's support network is part of the "
                                        "role."
                                    ),
                                },
                                {
                                    "text": "Encouraging the mentee to make their own decisions",
                                    "correct": True,
                                    "feedback": (
                                        "Yes: supporting independence helps prevent dependency."
                                    ),
                                },
                                {
                                    "text": "Advising the mentee to reduce their medication",
                                    "correct": False,
                                    "feedback": (
                                        "Medication questions belong with the person's prescriber."
                                    ),
                                },
                                {
                                    "text": "Providing therapy for past trauma",
                                    "correct": False,
                                    "feedback": (
                                        "Therapy is the work of trained clinicians, not peer "
                                        "mentors."
                                    ),
                                },
                            ],
                        },
                        {
                            "kind": "true_false",
                            "prompt": (
                                "Raising a boundary concern with your supervisor is a sign that "
                                "you are failing as a mentor."
                            ),
                            "vignette": "",
                            "competency": "boundaries",
                            "critical": False,
                            "points": 1,
                            "explanation": (
                                "Bringing boundary questions to supervision early is good practice "
                                "and protects both you and the mentee."
                            ),
                            "choices": [
                                {
                                    "text": "True",
                                    "correct": False,
                                    "feedback": (
                                        "Not quite: raising concerns early is exactly what "
                                        "supervision is for."
                                    ),
                                },
                                {
                                    "text": "False",
                                    "correct": True,
                                    "feedback": (
                                        "Correct: seeking supervision is good practice, not a "
                                        "failure."
                                    ),
                                },
                            ],
                        },
                        {
                            "kind": "single",
                            "prompt": "What is the best way for Jo to respond?",
                            "vignette": (
                                "Priya has found Jo's personal number and sends long messages late "
                                "at night, saying Jo is the only person who understands her. None "
                                "of the messages mention any risk to her safety."
                            ),
                            "competency": "boundaries",
                            "critical": False,
                            "points": 1,
                            "explanation": (
                                "Jo should reply within agreed contact arrangements, acknowledge "
                                "that Priya values the support, restate how contact works, make "
                                "sure Priya has out-of-hours crisis options and talk it through "
                                "with a supervisor. If any message suggested Priya was at risk, Jo "
                                "would follow the programme's safety procedure straight away."
                            ),
                            "choices": [
                                {
                                    "text": (
                                        "Reply to every message at once so Priya does not feel "
                                        "abandoned"
                                    ),
                                    "correct": False,
                                    "feedback": (
                                        "This strengthens dependency and is not sustainable for Jo."
                                    ),
                                },
                                {
                                    "text": "Stop replying without any explanation",
                                    "correct": False,
                                    "feedback": (
                                        "Silence without explanation can feel like rejection and "
                                        "may miss risk."
                                    ),
                                },
                                {
                                    "text": (
                                        "Respond through the programme's channel, warmly restate "
                                        "the contact arrangements, share out-of-hours options and "
                                        "discuss it with a supervisor"
                                    ),
                                    "correct": True,
                                    "feedback": (
                                        "Correct: this is kind, clear and supported by the "
                                        "programme."
                                    ),
                                },
                                {
                                    "text": (
                                        "Tell Priya she has done something wrong and end the "
                                        "mentoring"
                                    ),
                                    "correct": False,
                                    "feedback": (
                                        "This is punitive and skips the conversation that could "
                                        "help."
                                    ),
                                },
                            ],
                        },
                        {
                            "kind": "single",
                            "prompt": "How should you respond?",
                            "vignette": (
                                "Your mentee is anxious about running out of money before payday "
                                "and asks whether you could lend them forty pounds."
                            ),
                            "competency": "boundaries",
                            "critical": False,
                            "points": 1,
                            "explanation": (
                                "Peer mentors should not lend money. A warm, brief refusal that "
                                "explains the boundary and moves on to other options keeps the "
                                "relationship intact."
                            ),
                            "choices": [
                                {
                                    "text": "Lend it, as it is a small amount",
                                    "correct": False,
                                    "feedback": (
                                        "Lending money, even a small sum, blurs the role and can "
                                        "damage trust."
                                    ),
                                },
                                {
                                    "text": "Lend it, but ask the mentee to keep it between you",
                                    "correct": False,
                                    "feedback": (
                                        "Secret arrangements make the boundary problem worse."
                                    ),
                                },
                                {
                                    "text": (
                                        "Kindly explain you can't lend money, and offer to look at "
                                        "other options together, such as an advice service"
                                    ),
                                    "correct": True,
                                    "feedback": (
                                        "Correct: clear, warm and focused on what you can do."
                                    ),
                                },
                                {
                                    "text": (
                                        "Tell the mentee the request was inappropriate and end the "
                                        "session"
                                    ),
                                    "correct": False,
                                    "feedback": "This is harsher than needed and may feel shaming.",
                                },
                            ],
                        },
                        {
                            "kind": "single",
                            "prompt": "Which of these is a warning sign of over-identification?",
                            "vignette": "",
                            "competency": "boundaries",
                            "critical": False,
                            "points": 1,
                            "explanation": (
                                "Feeling responsible for someone's recovery and thinking about "
                                "them constantly suggests you may be over-identifying and should "
                                "talk to your supervisor."
                            ),
                            "choices": [
                                {
                                    "text": (
                                        "Feeling that their recovery depends on you and thinking "
                                        "about them constantly"
                                    ),
                                    "correct": True,
                                    "feedback": (
                                        "Correct: this is a common sign and worth taking to "
                                        "supervision."
                                    ),
                                },
                                {
                                    "text": (
                                        "Noticing something in common and mentioning it briefly "
                                        "when relevant"
                                    ),
                                    "correct": False,
                                    "feedback": (
                                        "A brief, purposeful share is ordinary good practice."
                                    ),
                                },
                                {
                                    "text": "Ending sessions at the agreed time",
                                    "correct": False,
                                    "feedback": (
                                        "Keeping to time is a healthy boundary, not a warning sign."
                                    ),
                                },
                            ],
                        },
                        {
                            "kind": "true_false",
                            "prompt": (
                                "Unless your programme explicitly allows it, you should avoid "
                                "connecting with mentees on your personal social media accounts."
                            ),
                            "vignette": "",
                            "competency": "boundaries",
                            "critical": False,
                            "points": 1,
                            "explanation": (
                                "Contact should go through the channels your programme sets. "
                                "Personal social media blurs the role and can expose both of you."
                            ),
                            "choices": [
                                {
                                    "text": "True",
                                    "correct": True,
                                    "feedback": (
                                        "Correct: keep contact to the channels your programme sets."
                                    ),
                                },
                                {
                                    "text": "False",
                                    "correct": False,
                                    "feedback": (
                                        "Not quite: personal social media blurs the mentoring "
                                        "boundary."
                                    ),
                                },
                            ],
                        },
                        {
                            "kind": "single",
                            "prompt": (
                                "You find out that your new mentee is the sister of one of your "
                                "neighbours. What should you do?"
                            ),
                            "vignette": "",
                            "competency": "boundaries",
                            "critical": False,
                            "points": 1,
                            "explanation": (
                                "Dual relationships should be raised with your supervisor, who can "
                                "decide with you whether to continue or arrange a different match."
                            ),
                            "choices": [
                                {
                                    "text": "Say nothing; it probably won't matter",
                                    "correct": False,
                                    "feedback": (
                                        "Hidden dual relationships can cause problems for both of "
                                        "you later."
                                    ),
                                },
                                {
                                    "text": (
                                        "Tell your neighbour that you are mentoring their sister"
                                    ),
                                    "correct": False,
                                    "feedback": "This would break the mentee's confidentiality.",
                                },
                                {
                                    "text": (
                                        "Tell your supervisor so they can decide with you how to "
                                        "proceed"
                                    ),
                                    "correct": True,
                                    "feedback": (
                                        "Correct: your supervisor can help you manage or change "
                                        "the match."
                                    ),
                                },
                            ],
                        },
                    ],
                },
            },
            {
                "slug": "confidentiality",
                "title": "Confidentiality",
                "estimated_minutes": 35,
                "competencies": ["confidentiality", "boundaries"],
                "body": [
                    {
                        "type": "heading",
                        "value": {"text": "Why confidentiality matters", "level": "h2"},
                    },
                    {
                        "type": "rich_text",
                        "value": (
                            "<p>Mentees often tell peer mentors things they have not shared with "
                            "anyone else: a diagnosis they feel ashamed of, a relapse, a difficult "
                            "relationship. Stigma around mental health and addiction is still "
                            "real, and people need to know that what they say will be treated with "
                            "respect. In peer mentoring, confidentiality means that what a mentee "
                            "tells you stays within the programme, and is shared only with people "
                            "who need to know, such as your supervisor, and only to support the "
                            "mentee or keep someone safe.</p>"
                        ),
                    },
                    {
                        "type": "heading",
                        "value": {"text": "Be honest about it from the start", "level": "h3"},
                    },
                    {
                        "type": "rich_text",
                        "value": (
                            "<p>At your first meeting, explain confidentiality in plain words: "
                            "what you keep private, that you talk about your mentoring in "
                            "supervision, and when you would have to share information. Come back "
                            "to it whenever it becomes relevant. A mentee who knows the rules in "
                            "advance is far less likely to feel betrayed later.</p>"
                        ),
                    },
                    {
                        "type": "callout",
                        "value": {
                            "kind": "safety",
                            "title": "Never promise total secrecy",
                            "text": (
                                "<p>If a mentee says, 'Can I tell you something if you promise not "
                                "to tell anyone?', do not agree to an unconditional promise. You "
                                "might say: 'I'd like to hear it. Most things stay between us, but "
                                "if I'm worried about your safety or someone else's, I'd need to "
                                "talk to my supervisor. Wherever I can, I'd tell you first.'</p>"
                            ),
                        },
                    },
                    {
                        "type": "heading",
                        "value": {"text": "The limits of confidentiality", "level": "h3"},
                    },
                    {
                        "type": "rich_text",
                        "value": (
                            "<p>You must follow your programme's procedure and speak to your "
                            "supervisor or safeguarding lead promptly when:</p><ul><li>the mentee "
                            "may be at risk of serious harm, including suicide or serious "
                            "self-harm;</li><li>someone else may be at risk of serious harm from "
                            "the mentee or another person;</li><li>there is a safeguarding concern "
                            "about a child, or about an adult who cannot protect themselves, such "
                            "as abuse, neglect or exploitation;</li><li>the law or your "
                            "programme's policy requires information to be shared.</li></ul><p>In "
                            "these situations you do not decide alone and you do not investigate. "
                            "Share only what is needed, only with the right people. Wherever it is "
                            "safe, tell the mentee what you are going to share, with whom and why, "
                            "and involve them in what happens next.</p>"
                        ),
                    },
                    {
                        "type": "heading",
                        "value": {"text": "Everyday privacy", "level": "h3"},
                    },
                    {
                        "type": "rich_text",
                        "value": (
                            "<ul><li>Do not talk about mentees with friends or family, even "
                            "without names; details can identify someone.</li><li>In public "
                            "places, choose a quiet spot and keep your voice low.</li><li>If you "
                            "see a mentee out and about, let them decide whether to say hello, and "
                            "never mention mentoring in front of others.</li><li>Never post about "
                            "sessions online, even anonymously.</li></ul>"
                        ),
                    },
                    {
                        "type": "heading",
                        "value": {"text": "Keeping records", "level": "h3"},
                    },
                    {
                        "type": "rich_text",
                        "value": (
                            "<p>Write notes only in the format and system your programme provides, "
                            "never in a personal notebook or on your own phone, and never record "
                            "conversations. A good note is short and factual: the date and length "
                            "of the session, general themes, agreed next steps and any concerns "
                            "with the action taken. Use the initials or reference number your "
                            "programme asks for, not addresses or other identifying details, and "
                            "leave out sensitive detail that is not needed. Write respectfully, as "
                            "if the mentee might read it, because they may have a right to.</p>"
                        ),
                    },
                    {
                        "type": "scenario",
                        "value": {
                            "title": "A worry about a child",
                            "situation": (
                                "<p>Near the end of a session, Mark tells you that his "
                                "ex-partner's new boyfriend has been hitting his six-year-old "
                                "daughter. He asks you not to tell anyone because he is afraid it "
                                "will make things worse in the custody dispute.</p>"
                            ),
                            "prompts": [
                                "What are the safeguarding concerns here?",
                                "What could you say to Mark in the moment about what happens next?",
                                "Who would you contact, and how quickly?",
                                "How could you keep Mark involved and supported?",
                            ],
                        },
                    },
                    {
                        "type": "role_play",
                        "value": {
                            "title": "Explaining confidentiality at a first meeting",
                            "roles": [
                                {
                                    "name": "Mentor",
                                    "brief": (
                                        "In about two minutes and without jargon, explain what "
                                        "stays private, the role of supervision and when you would "
                                        "need to share information. Answer questions honestly and "
                                        "make no promises you cannot keep."
                                    ),
                                },
                                {
                                    "name": "Mentee",
                                    "brief": (
                                        "Play someone who has had a bad experience of being "
                                        "'reported' in the past. Ask questions such as 'Will you "
                                        "tell my doctor?' and 'What gets written down?'"
                                    ),
                                },
                                {
                                    "name": "Observer",
                                    "brief": (
                                        "Listen for clarity and honesty. Note any jargon, any "
                                        "promises of total secrecy, and how the mentor handled the "
                                        "mentee's wariness."
                                    ),
                                },
                            ],
                            "brief": (
                                "<p>Work in threes and swap roles after each round. Keep the "
                                "mentee's character invented rather than drawn from your own "
                                "life.</p>"
                            ),
                            "debrief_questions": [
                                (
                                    "Mentee: did you come away knowing what would and would not be "
                                    "shared?"
                                ),
                                "Mentor: which question was hardest to answer honestly?",
                                (
                                    "Observer: which phrases would you borrow for your own first "
                                    "meetings?"
                                ),
                            ],
                        },
                    },
                    {
                        "type": "reflection",
                        "value": {
                            "prompt": (
                                "How would you want a mentor to handle it if they had to share "
                                "something you had told them? What would help you keep trusting "
                                "them?"
                            ),
                            "guidance": (
                                "Use your answer to shape how you explain confidentiality and how "
                                "you would act if you ever had to share a concern."
                            ),
                        },
                    },
                    {"type": "quiz", "value": {}},
                ],
                "quiz": {
                    "title": "Confidentiality: check your understanding",
                    "instructions": (
                        "Answer all the questions and read the feedback. The pass mark is 80%, and "
                        "the safety-critical question must be answered correctly to pass."
                    ),
                    "pass_mark": 80,
                    "questions": [
                        {
                            "kind": "true_false",
                            "prompt": (
                                "A peer mentor should promise a mentee that nothing they say will "
                                "ever be shared with anyone."
                            ),
                            "vignette": "",
                            "competency": "confidentiality",
                            "critical": False,
                            "points": 1,
                            "explanation": (
                                "Confidentiality has limits, such as risk of serious harm and "
                                "safeguarding concerns, so a promise of total secrecy is one you "
                                "may not be able to keep."
                            ),
                            "choices": [
                                {
                                    "text": "True",
                                    "correct": False,
                                    "feedback": (
                                        "Not quite: promising total secrecy sets up a promise you "
                                        "may have to break."
                                    ),
                                },
                                {
                                    "text": "False",
                                    "correct": True,
                                    "feedback": (
                                        "Correct: explain confidentiality and its limits instead."
                                    ),
                                },
                            ],
                        },
                        {
                            "kind": "multiple",
                            "prompt": (
                                "Which of these mean you must follow your programme's procedure "
                                "and speak to your supervisor? Select all that apply."
                            ),
                            "vignette": "",
                            "competency": "confidentiality",
                            "critical": False,
                            "points": 1,
                            "explanation": (
                                "Risk of serious harm to the mentee or others and safeguarding "
                                "concerns are limits of confidentiality. Everyday worries such as "
                                "debts or missing a group stay private."
                            ),
                            "choices": [
                                {
                                    "text": "The mentee says they are planning to end their life",
                                    "correct": True,
                                    "feedback": (
                                        "Yes: risk to the mentee's life is a limit of "
                                        "confidentiality."
                                    ),
                                },
                                {
                                    "text": "The mentee discloses that a child is being harmed",
                                    "correct": True,
                                    "feedback": (
                                        "Yes: this is a safeguarding concern that must be passed "
                                        "on."
                                    ),
                                },
                                {
                                    "text": "The mentee says they intend to seriously hurt someone",
                                    "correct": True,
                                    "feedback": (
                                        "Yes: risk of serious harm to others must be shared."
                                    ),
                                },
                                {
                                    "text": "The mentee feels embarrassed about their debts",
                                    "correct": False,
                                    "feedback": (
                                        "This stays private; you might offer information on advice "
                                        "services."
                                    ),
                                },
                                {
                                    "text": "The mentee has stopped going to a support group",
                                    "correct": False,
                                    "feedback": (
                                        "This is an ordinary topic for mentoring and stays "
                                        "confidential."
                                    ),
                                },
                            ],
                        },
                        {
                            "kind": "single",
                            "prompt": "What should you do?",
                            "vignette": (
                                "Your mentee Mark tells you his ex-partner's new boyfriend has "
                                "been hitting his six-year-old daughter. He asks you not to tell "
                                "anyone because of the custody dispute."
                            ),
                            "competency": "confidentiality",
                            "critical": True,
                            "points": 1,
                            "explanation": (
                                "A child may be at risk, so this cannot stay confidential. Tell "
                                "Mark honestly that you need to share it, contact your supervisor "
                                "or safeguarding lead promptly and follow the programme's "
                                "safeguarding procedure, keeping Mark involved where safe. You "
                                "should not investigate yourself."
                            ),
                            "choices": [
                                {
                                    "text": "Keep it to yourself, as Mark asked",
                                    "correct": False,
                                    "feedback": (
                                        "A child's safety is at stake, so this cannot be kept "
                                        "secret."
                                    ),
                                },
                                {
                                    "text": (
                                        "Gently explain that you can't keep this private because a "
                                        "child may be at risk, and contact your supervisor or "
                                        "safeguarding lead promptly"
                                    ),
                                    "correct": True,
                                    "feedback": (
                                        "Correct: honest with Mark and following the safeguarding "
                                        "procedure."
                                    ),
                                },
                                {
                                    "text": (
                                        "Ask Mark detailed questions to gather evidence before "
                                        "telling anyone"
                                    ),
                                    "correct": False,
                                    "feedback": (
                                        "Investigating is not your role and can delay protection."
                                    ),
                                },
                                {
                                    "text": "Contact the ex-partner's boyfriend to warn him off",
                                    "correct": False,
                                    "feedback": (
                                        "This could put the child, Mark and you at greater risk."
                                    ),
                                },
                            ],
                        },
                        {
                            "kind": "single",
                            "prompt": (
                                "Which session note best follows good record-keeping practice?"
                            ),
                            "vignette": "",
                            "competency": "confidentiality",
                            "critical": False,
                            "points": 1,
                            "explanation": (
                                "Good notes are brief, factual and respectful, use the identifier "
                                "your programme asks for and leave out unnecessary identifying or "
                                "sensitive detail."
                            ),
                            "choices": [
                                {
                                    "text": (
                                        "'S.K. (ref 0417), 50 minutes. Talked about returning to "
                                        "work and sleep. Agreed to look up a walking group before "
                                        "next session. No concerns.'"
                                    ),
                                    "correct": True,
                                    "feedback": (
                                        "Correct: factual, brief and free of unnecessary detail."
                                    ),
                                },
                                {
                                    "text": (
                                        "'Sarah from 12 Mill Lane cried for ages about her "
                                        "husband's affair and her drinking.'"
                                    ),
                                    "correct": False,
                                    "feedback": (
                                        "This includes identifying and sensitive detail that is "
                                        "not needed."
                                    ),
                                },
                                {
                                    "text": (
                                        "'Mentee seemed manipulative and attention-seeking today.'"
                                    ),
                                    "correct": False,
                                    "feedback": (
                                        "This is a judgement rather than a fact, and it is not "
                                        "respectful."
                                    ),
                                },
                            ],
                        },
                        {
                            "kind": "single",
                            "prompt": "What is the best thing to do?",
                            "vignette": (
                                "In the supermarket you spot your mentee chatting with a friend. "
                                "They have not seen you yet."
                            ),
                            "competency": "confidentiality",
                            "critical": False,
                            "points": 1,
                            "explanation": (
                                "Letting the mentee decide whether to acknowledge you protects "
                                "their privacy. If they greet you, keep it brief and do not "
                                "mention mentoring."
                            ),
                            "choices": [
                                {
                                    "text": (
                                        "Go over and ask how things have been since your last "
                                        "session"
                                    ),
                                    "correct": False,
                                    "feedback": (
                                        "This could reveal the mentoring relationship to the "
                                        "friend."
                                    ),
                                },
                                {
                                    "text": "Introduce yourself to the friend as their peer mentor",
                                    "correct": False,
                                    "feedback": "This would break the mentee's confidentiality.",
                                },
                                {
                                    "text": (
                                        "Let your mentee decide whether to say hello; if they do, "
                                        "keep it brief and don't mention mentoring"
                                    ),
                                    "correct": True,
                                    "feedback": (
                                        "Correct: the mentee stays in control of who knows."
                                    ),
                                },
                            ],
                        },
                        {
                            "kind": "single",
                            "prompt": "Who can you normally discuss a mentee's situation with?",
                            "vignette": "",
                            "competency": "confidentiality",
                            "critical": False,
                            "points": 1,
                            "explanation": (
                                "Information is shared only with people in the programme who need "
                                "to know, such as your supervisor, and only to support the mentee "
                                "or keep someone safe."
                            ),
                            "choices": [
                                {
                                    "text": (
                                        "Your supervisor or others in the programme who need to "
                                        "know"
                                    ),
                                    "correct": True,
                                    "feedback": "Correct: supervision is part of safe practice.",
                                },
                                {
                                    "text": (
                                        "Your partner, as long as you leave out the mentee's name"
                                    ),
                                    "correct": False,
                                    "feedback": "Details can identify someone even without a name.",
                                },
                                {
                                    "text": "Another mentee who knows them",
                                    "correct": False,
                                    "feedback": "This would break confidentiality.",
                                },
                                {
                                    "text": "Nobody at all, not even your supervisor",
                                    "correct": False,
                                    "feedback": (
                                        "Supervision is an expected and agreed part of the role."
                                    ),
                                },
                            ],
                        },
                        {
                            "kind": "true_false",
                            "prompt": (
                                "When you have to share information because of a safety concern, "
                                "you should, wherever it is safe, tell the mentee what you are "
                                "sharing and why."
                            ),
                            "vignette": "",
                            "competency": "confidentiality",
                            "critical": False,
                            "points": 1,
                            "explanation": (
                                "Being open with the mentee about what is shared, with whom and "
                                "why helps protect trust, unless doing so would put someone at "
                                "greater risk."
                            ),
                            "choices": [
                                {
                                    "text": "True",
                                    "correct": True,
                                    "feedback": (
                                        "Correct: openness helps keep trust where it is safe."
                                    ),
                                },
                                {
                                    "text": "False",
                                    "correct": False,
                                    "feedback": (
                                        "Not quite: wherever it is safe, the mentee should know "
                                        "what is shared and why."
                                    ),
                                },
                            ],
                        },
                    ],
                },
            },
            {
                "slug": "crisis-intervention",
                "title": "Crisis intervention",
                "estimated_minutes": 45,
                "competencies": ["crisis-intervention", "confidentiality", "referral"],
                "body": [
                    {
                        "type": "callout",
                        "value": {
                            "kind": "content_note",
                            "title": "Content note",
                            "text": (
                                "<p>This module discusses suicide, self-harm and mental-health "
                                "crisis. Take breaks whenever you need to, and talk to your "
                                "trainer or supervisor if anything stirs up difficult feelings. If "
                                "you are struggling right now, contact a crisis line from the list "
                                "at the end of this module, or call emergency services if you are "
                                "in immediate danger.</p>"
                            ),
                        },
                    },
                    {
                        "type": "heading",
                        "value": {"text": "What we mean by a crisis", "level": "h2"},
                    },
                    {
                        "type": "rich_text",
                        "value": (
                            "<p>A crisis is a point at which someone's usual ways of coping are "
                            "overwhelmed. It might show up as intense distress or panic, talk of "
                            "suicide, self-harm, confusion or losing touch with reality, or being "
                            "at risk from another person. Your role is to stay calm, listen, ask "
                            "directly about safety, stay connected with the person and make sure "
                            "the right help is involved by following your programme's procedure. "
                            "It is not your role to carry out a clinical assessment, to provide "
                            "treatment, or to manage the situation on your own.</p>"
                        ),
                    },
                    {
                        "type": "callout",
                        "value": {
                            "kind": "safety",
                            "title": "Your programme's safety procedure comes first",
                            "text": (
                                "<p>Before your first session, make sure you know your programme's "
                                "safety procedure: who to contact, how to reach your supervisor or "
                                "on-call lead, including out of hours, and where emergency numbers "
                                "are kept.</p><p><b>If a life is at immediate risk, call emergency "
                                "services straight away</b> (999 in the UK, 911 in the US, 112 "
                                "across the EU), then inform your supervisor. Examples include "
                                "someone who has taken an overdose, is seriously injured, or has a "
                                "plan and the means to end their life now and cannot keep "
                                "themselves safe.</p><p>Never keep a disclosure of risk to life "
                                "secret, and never put yourself in danger.</p>"
                            ),
                        },
                    },
                    {
                        "type": "heading",
                        "value": {"text": "Noticing warning signs", "level": "h3"},
                    },
                    {
                        "type": "rich_text",
                        "value": (
                            "<ul><li>Talking about wanting to die, being a burden or having no way "
                            "out.</li><li>Saying goodbye, giving possessions away or putting "
                            "affairs in order.</li><li>Drinking or using drugs more, or "
                            "withdrawing from people.</li><li>A sudden calm after a long period of "
                            "distress.</li><li>Recent losses, such as a job, a relationship or "
                            "housing.</li></ul><p>Warning signs are not predictions, and many "
                            "people in crisis show few of them. If you feel worried, take that "
                            "seriously and ask.</p>"
                        ),
                    },
                    {
                        "type": "heading",
                        "value": {"text": "Asking directly about suicide", "level": "h3"},
                    },
                    {
                        "type": "rich_text",
                        "value": (
                            "<p>Asking someone calmly and plainly, 'Are you having thoughts of "
                            "suicide?', does not put the idea into their head. Many people feel "
                            "relieved that someone has noticed. Vague wording such as 'You're not "
                            "going to do anything silly, are you?' invites a 'no' and closes the "
                            "conversation. If the answer is yes, stay calm, thank them for telling "
                            "you and listen. Ask whether they have a plan, whether they have the "
                            "means, and whether they intend to act soon. You are not assessing "
                            "them; you are finding out enough to get the right help.</p>"
                        ),
                    },
                    {
                        "type": "heading",
                        "value": {"text": "A simple sequence", "level": "h3"},
                    },
                    {
                        "type": "rich_text",
                        "value": (
                            "<ol><li>Stay with the person and keep your own voice "
                            "calm.</li><li>Ask directly about suicide and "
                            "self-harm.</li><li>Listen without judging, arguing or "
                            "lecturing.</li><li>Be honest that you need to involve others because "
                            "you care about their safety.</li><li>Act on your procedure: call "
                            "emergency services if life is at immediate risk; otherwise contact "
                            "your supervisor or on-call lead and, together with the mentee, "
                            "connect them with crisis or clinical support.</li><li>Afterwards, "
                            "record what happened as your programme requires and debrief with your "
                            "supervisor.</li></ol>"
                        ),
                    },
                    {
                        "type": "heading",
                        "value": {"text": "Responding to self-harm", "level": "h3"},
                    },
                    {
                        "type": "rich_text",
                        "value": (
                            "<p>Self-harm is often a way of coping with unbearable feelings and "
                            "does not always mean someone wants to die, but it must always be "
                            "taken seriously. Respond without shock or anger, and do not demand "
                            "that they promise to stop. Ask whether any injury needs medical "
                            "attention: a serious wound or any overdose is a medical emergency. "
                            "Let the mentee know you will need to tell your supervisor, and follow "
                            "your procedure.</p>"
                        ),
                    },
                    {
                        "type": "heading",
                        "value": {"text": "Afterwards: looking after yourself", "level": "h3"},
                    },
                    {
                        "type": "rich_text",
                        "value": (
                            "<p>Supporting someone through a crisis can be draining and may stir "
                            "up your own history. Always debrief with your supervisor, use your "
                            "own support, and remember that you are not responsible for another "
                            "person's choices.</p>"
                        ),
                    },
                    {
                        "type": "scenario",
                        "value": {
                            "title": "A message on a Friday evening",
                            "situation": (
                                "<p>Earlier this week Alex lost their job and said they felt like "
                                "a burden to everyone. Within your agreed contact hours on Friday "
                                "evening, Alex sends a text: 'Thanks for everything. I won't need "
                                "our sessions any more. I've sorted things out for good.'</p>"
                            ),
                            "prompts": [
                                "Which warning signs can you see?",
                                "What would you say or do first?",
                                (
                                    "Who would you contact, and at what point would you call "
                                    "emergency services?"
                                ),
                                "What support would you need afterwards?",
                            ],
                        },
                    },
                    {
                        "type": "role_play",
                        "value": {
                            "title": "Asking the direct question",
                            "roles": [
                                {
                                    "name": "Mentor",
                                    "brief": (
                                        "Notice the signs of distress, ask clearly and calmly "
                                        "whether the mentee is having thoughts of suicide, listen, "
                                        "and explain what you will do next and why."
                                    ),
                                },
                                {
                                    "name": "Mentee",
                                    "brief": (
                                        "Play an invented character, not yourself: someone who has "
                                        "felt hopeless for a few weeks and has had passing "
                                        "thoughts of suicide, but has no plan. Answer honestly if "
                                        "asked directly."
                                    ),
                                },
                                {
                                    "name": "Observer",
                                    "brief": (
                                        "Note whether the question was asked directly, the "
                                        "mentor's tone and pace, and whether next steps were "
                                        "explained honestly, including involving a supervisor."
                                    ),
                                },
                            ],
                            "brief": (
                                "<p>This exercise uses invented characters only. Anyone may step "
                                "out at any time, and your trainer will be available throughout. "
                                "Run each round for five minutes, then swap roles.</p>"
                            ),
                            "debrief_questions": [
                                "Mentor: how did it feel to ask the question out loud?",
                                "Mentee: what helped you answer honestly?",
                                (
                                    "Observer: what did the mentor say about next steps, and how "
                                    "was it received?"
                                ),
                                (
                                    "Everyone: what do you need now to look after yourself after "
                                    "this exercise?"
                                ),
                            ],
                        },
                    },
                    {
                        "type": "reflection",
                        "value": {
                            "prompt": (
                                "What feelings come up when you imagine a mentee telling you they "
                                "want to end their life? What will help you stay steady, and who "
                                "will support you afterwards?"
                            ),
                            "guidance": (
                                "There are no right or wrong feelings here. Note the people and "
                                "steps, including your supervisor and your own support, that you "
                                "would turn to."
                            ),
                        },
                    },
                    {
                        "type": "resource_links",
                        "value": {
                            "title": "Crisis and emergency contacts",
                            "intro": (
                                "Keep these close to hand and check the details in your "
                                "programme's own directory."
                            ),
                            "categories": ["crisis_line", "emergency"],
                        },
                    },
                    {"type": "quiz", "value": {}},
                ],
                "quiz": {
                    "title": "Crisis intervention: check your understanding",
                    "instructions": (
                        "Answer all the questions and read the feedback. The pass mark is 80%, and "
                        "every safety-critical question must be answered correctly to pass."
                    ),
                    "pass_mark": 80,
                    "questions": [
                        {
                            "kind": "single",
                            "prompt": "What should you do?",
                            "vignette": (
                                "During a session your mentee says quietly, 'I've made up my mind. "
                                "I'm going to end my life tonight. I've got the tablets at home.'"
                            ),
                            "competency": "crisis-intervention",
                            "critical": True,
                            "points": 1,
                            "explanation": (
                                "The mentee has a plan, the means and a time, so their life is at "
                                "immediate risk. Stay with them, be honest that you need to get "
                                "help now, call emergency services, inform your supervisor and "
                                "follow your programme's safety procedure."
                            ),
                            "choices": [
                                {
                                    "text": (
                                        "Agree to keep it between you if they promise to phone you "
                                        "tomorrow"
                                    ),
                                    "correct": False,
                                    "feedback": (
                                        "A risk to life must never be kept secret, and a promise "
                                        "is not safety."
                                    ),
                                },
                                {
                                    "text": (
                                        "Suggest they sleep on it and talk again at your next "
                                        "session"
                                    ),
                                    "correct": False,
                                    "feedback": (
                                        "This leaves someone at immediate risk without help."
                                    ),
                                },
                                {
                                    "text": (
                                        "Stay with them, tell them you need to get help now, call "
                                        "emergency services and inform your supervisor, following "
                                        "your safety procedure"
                                    ),
                                    "correct": True,
                                    "feedback": (
                                        "Correct: a life is at immediate risk, so emergency help "
                                        "comes first."
                                    ),
                                },
                                {
                                    "text": (
                                        "Give them a crisis line number and end the session as "
                                        "planned"
                                    ),
                                    "correct": False,
                                    "feedback": (
                                        "Leaving someone alone at immediate risk is not safe."
                                    ),
                                },
                            ],
                        },
                        {
                            "kind": "true_false",
                            "prompt": (
                                "If a mentee asks you to keep their plan to end their life secret, "
                                "you should respect their wishes in order to protect trust."
                            ),
                            "vignette": "",
                            "competency": "crisis-intervention",
                            "critical": True,
                            "points": 1,
                            "explanation": (
                                "A disclosure of risk to life is always a limit of "
                                "confidentiality. Be honest with the mentee, and follow your "
                                "safety procedure and involve your supervisor."
                            ),
                            "choices": [
                                {
                                    "text": "True",
                                    "correct": False,
                                    "feedback": (
                                        "Incorrect: a risk to life must never be kept secret."
                                    ),
                                },
                                {
                                    "text": "False",
                                    "correct": True,
                                    "feedback": (
                                        "Correct: you must act on it and involve others, telling "
                                        "the mentee honestly."
                                    ),
                                },
                            ],
                        },
                        {
                            "kind": "true_false",
                            "prompt": (
                                "Asking someone directly whether they are thinking about suicide "
                                "can put the idea into their head."
                            ),
                            "vignette": "",
                            "competency": "crisis-intervention",
                            "critical": False,
                            "points": 1,
                            "explanation": (
                                "Asking calmly and directly does not plant the idea. It often "
                                "brings relief and opens the way to getting help."
                            ),
                            "choices": [
                                {
                                    "text": "True",
                                    "correct": False,
                                    "feedback": (
                                        "Not quite: asking directly does not put the idea into "
                                        "someone's head."
                                    ),
                                },
                                {
                                    "text": "False",
                                    "correct": True,
                                    "feedback": (
                                        "Correct: asking directly is safe and often a relief."
                                    ),
                                },
                            ],
                        },
                        {
                            "kind": "multiple",
                            "prompt": (
                                "Which of these could be warning signs of suicide risk? Select all "
                                "that apply."
                            ),
                            "vignette": "",
                            "competency": "crisis-intervention",
                            "critical": False,
                            "points": 1,
                            "explanation": (
                                "Talk of being a burden, giving possessions away and a sudden calm "
                                "after long distress can all be warning signs. Looking forward to "
                                "activities and seeking support are not."
                            ),
                            "choices": [
                                {
                                    "text": "Talking about being a burden to others",
                                    "correct": True,
                                    "feedback": "Yes: this is a recognised warning sign.",
                                },
                                {
                                    "text": "Giving away valued possessions",
                                    "correct": True,
                                    "feedback": (
                                        "Yes: this can be a sign of someone putting affairs in "
                                        "order."
                                    ),
                                },
                                {
                                    "text": "A sudden calm after a long period of distress",
                                    "correct": True,
                                    "feedback": (
                                        "Yes: this can sometimes follow a decision to end one's "
                                        "life."
                                    ),
                                },
                                {
                                    "text": "Asking how to join a local peer support group",
                                    "correct": False,
                                    "feedback": "Seeking connection is usually a positive step.",
                                },
                                {
                                    "text": "Saying they enjoyed a walk with a friend",
                                    "correct": False,
                                    "feedback": "This is not in itself a warning sign.",
                                },
                            ],
                        },
                        {
                            "kind": "single",
                            "prompt": "What is the best response?",
                            "vignette": (
                                "Earlier this week Alex lost their job and said they felt like a "
                                "burden. Tonight Alex texts: 'Thanks for everything. I won't need "
                                "our sessions any more. I've sorted things out for good.'"
                            ),
                            "competency": "crisis-intervention",
                            "critical": True,
                            "points": 1,
                            "explanation": (
                                "The message, together with recent loss and feeling like a burden, "
                                "suggests serious risk. Respond promptly, ask directly about "
                                "suicide, contact your supervisor or on-call lead, and call "
                                "emergency services if you believe Alex is in immediate danger and "
                                "you cannot confirm they are safe."
                            ),
                            "choices": [
                                {
                                    "text": "Reply 'Great to hear, good luck with everything!'",
                                    "correct": False,
                                    "feedback": "This misses clear warning signs.",
                                },
                                {
                                    "text": "Wait and raise it at your next scheduled session",
                                    "correct": False,
                                    "feedback": (
                                        "Waiting could leave Alex without help when it is needed "
                                        "most."
                                    ),
                                },
                                {
                                    "text": (
                                        "Respond promptly, ask Alex directly about suicide, "
                                        "contact your supervisor or on-call lead, and call "
                                        "emergency services if you believe Alex is in immediate "
                                        "danger"
                                    ),
                                    "correct": True,
                                    "feedback": (
                                        "Correct: you are taking the warning signs seriously and "
                                        "following procedure."
                                    ),
                                },
                                {
                                    "text": (
                                        "Forward the message to Alex's friends so they can check in"
                                    ),
                                    "correct": False,
                                    "feedback": (
                                        "This breaches confidentiality and bypasses your procedure."
                                    ),
                                },
                            ],
                        },
                        {
                            "kind": "single",
                            "prompt": "How should you respond?",
                            "vignette": (
                                "Your mentee rolls up a sleeve and shows you some recent cuts that "
                                "are not bleeding. They say it is the only thing that helps them "
                                "cope at the moment."
                            ),
                            "competency": "crisis-intervention",
                            "critical": False,
                            "points": 1,
                            "explanation": (
                                "Stay calm and non-judgemental, check whether any injury needs "
                                "medical attention, and be honest that you will let your "
                                "supervisor know, following your procedure."
                            ),
                            "choices": [
                                {
                                    "text": "Make them promise never to do it again",
                                    "correct": False,
                                    "feedback": (
                                        "Demanding promises can increase shame and secrecy."
                                    ),
                                },
                                {
                                    "text": "Tell them it looks like attention-seeking",
                                    "correct": False,
                                    "feedback": (
                                        "This is judgemental and may stop them asking for help."
                                    ),
                                },
                                {
                                    "text": (
                                        "Stay calm, ask whether the wounds need medical attention, "
                                        "and explain you will need to let your supervisor know"
                                    ),
                                    "correct": True,
                                    "feedback": (
                                        "Correct: calm, practical and in line with procedure."
                                    ),
                                },
                                {
                                    "text": "Keep it between you, since they are not suicidal",
                                    "correct": False,
                                    "feedback": (
                                        "Self-harm must always be taken seriously and shared with "
                                        "your supervisor."
                                    ),
                                },
                            ],
                        },
                        {
                            "kind": "single",
                            "prompt": (
                                "After supporting a mentee through a crisis, what should you do "
                                "for yourself?"
                            ),
                            "vignette": "",
                            "competency": "crisis-intervention",
                            "critical": False,
                            "points": 1,
                            "explanation": (
                                "Debriefing with your supervisor and using your own support helps "
                                "you process what happened and protects your wellbeing."
                            ),
                            "choices": [
                                {
                                    "text": "Debrief with your supervisor and use your own support",
                                    "correct": True,
                                    "feedback": (
                                        "Correct: looking after yourself is part of safe practice."
                                    ),
                                },
                                {
                                    "text": "Keep it to yourself so you don't burden anyone",
                                    "correct": False,
                                    "feedback": "Carrying it alone can affect your own wellbeing.",
                                },
                                {
                                    "text": "Post about it anonymously online to process it",
                                    "correct": False,
                                    "feedback": "This risks breaching confidentiality.",
                                },
                                {
                                    "text": "Take on extra sessions to keep yourself busy",
                                    "correct": False,
                                    "feedback": (
                                        "This avoids rather than addresses the impact on you."
                                    ),
                                },
                            ],
                        },
                    ],
                },
            },
        ],
    },
    {
        "slug": "supporting-recovery-conversations",
        "title": "Supporting Recovery Conversations",
        "summary": (
            "Builds on Peer Mentor Foundations to deepen everyday mentoring conversations. Learn "
            "to share your own experience safely and with purpose, and to support hope, strengths "
            "and small goals that the mentee owns."
        ),
        "learning_outcomes": [
            "Decide whether, when and how much of your own story to share.",
            (
                "Share experience briefly, focusing on what helped, and return the focus to the "
                "mentee."
            ),
            "Recognise when an experience is too raw to share and seek support for yourself.",
            "Use strengths-based questions to help a mentee notice their own resources.",
            "Support mentees to set and review small, specific goals without judgement.",
            "Help mentees connect with groups and services beyond the mentoring relationship.",
        ],
        "estimated_minutes": 65,
        "competencies": ["empathy-validation", "boundaries", "active-listening", "referral"],
        "prerequisites": ["peer-mentor-foundations"],
        "sequential": False,
        "modules": [
            {
                "slug": "sharing-your-story-safely",
                "title": "Sharing your own story safely",
                "estimated_minutes": 30,
                "competencies": ["empathy-validation", "boundaries"],
                "body": [
                    {
                        "type": "heading",
                        "value": {"text": "Your experience as a resource", "level": "h2"},
                    },
                    {
                        "type": "rich_text",
                        "value": (
                            "<p>Lived experience is what makes peer support different from other "
                            "kinds of help. Used with care, a part of your story can ease shame, "
                            "show that setbacks are part of many people's recovery and offer real "
                            "evidence that things can change. Sharing is a tool you use for the "
                            "mentee's benefit, though. It is not a place to work through your own "
                            "unfinished business; that belongs in supervision and your own "
                            "support.</p>"
                        ),
                    },
                    {
                        "type": "heading",
                        "value": {"text": "Three questions before you share", "level": "h3"},
                    },
                    {
                        "type": "rich_text",
                        "value": (
                            "<ol><li><b>Whose needs will this meet?</b> If the honest answer is "
                            "mostly yours, pause.</li><li><b>Is this the right moment?</b> Is the "
                            "mentee ready to hear it, or would it pull the focus away from "
                            "them?</li><li><b>How much is enough?</b> Usually a sentence or two, "
                            "then back to them.</li></ol>"
                        ),
                    },
                    {
                        "type": "callout",
                        "value": {
                            "kind": "key_point",
                            "title": "Share the recovery, not just the wound",
                            "text": (
                                "<p>Focus on what helped, what you learned and what changed. Leave "
                                "out graphic detail, including methods of self-harm and specifics "
                                "of substance use, which can be distressing or harmful to hear. "
                                "Avoid sharing anything that still feels raw to you.</p>"
                            ),
                        },
                    },
                    {
                        "type": "heading",
                        "value": {"text": "Keeping the focus on the mentee", "level": "h3"},
                    },
                    {
                        "type": "rich_text",
                        "value": (
                            "<p>After a short share, hand the conversation back: 'That was how it "
                            "was for me. I'm curious what it's been like for you.' Be careful not "
                            "to suggest that your path is the right one; everyone's recovery is "
                            "different. In the same spirit, never recommend or warn against a "
                            "particular medication or treatment. Questions about medication belong "
                            "with the person's prescriber.</p><p>Your story belongs to you. You "
                            "can choose to keep parts of it private, even from a mentee whose "
                            "experience is similar, and once something is said it cannot be "
                            "unsaid. Agree with your supervisor in advance what you are "
                            "comfortable sharing.</p>"
                        ),
                    },
                    {
                        "type": "heading",
                        "value": {"text": "When a mentee asks about you", "level": "h3"},
                    },
                    {
                        "type": "rich_text",
                        "value": (
                            "<p>Mentees often ask direct questions: 'Were you ever in hospital?' "
                            "or 'How long did it take you to feel better?' You can answer honestly "
                            "and briefly, decline kindly ('That's something I keep private, but "
                            "I'm happy to talk about what helped me'), or ask what is behind the "
                            "question. Often the real question is 'Is there hope for me?', and "
                            "that deserves a warm, honest answer whatever you choose to share.</p>"
                        ),
                    },
                    {
                        "type": "scenario",
                        "value": {
                            "title": "When it is too close",
                            "situation": (
                                "<p>Your mentee describes a relapse that sounds almost exactly "
                                "like one you went through last year. You feel your eyes sting and "
                                "a strong urge to tell them the whole story.</p>"
                            ),
                            "prompts": [
                                "What might happen if you share everything now?",
                                "What could you say instead that keeps the focus on your mentee?",
                                "How would you look after yourself after the session?",
                            ],
                        },
                    },
                    {
                        "type": "role_play",
                        "value": {
                            "title": "A short, purposeful share",
                            "roles": [
                                {
                                    "name": "Mentor",
                                    "brief": (
                                        "Listen first. When it fits, share one brief, relevant "
                                        "piece of experience (invented or safe for you) in under a "
                                        "minute, then return the focus with an open question."
                                    ),
                                },
                                {
                                    "name": "Mentee",
                                    "brief": (
                                        "Say that you feel ashamed about needing a stay in "
                                        "hospital. Respond naturally to what the mentor shares."
                                    ),
                                },
                                {
                                    "name": "Observer",
                                    "brief": (
                                        "Time the mentor's share. Note whether it focused on what "
                                        "helped, and how the mentor handed the conversation back."
                                    ),
                                },
                            ],
                            "brief": (
                                "<p>Work in threes with five-minute rounds, then swap roles. Use "
                                "invented details if you prefer not to draw on your own life.</p>"
                            ),
                            "debrief_questions": [
                                "Mentee: did the share help, and why or why not?",
                                "Mentor: how did you decide what to include and what to leave out?",
                                "Observer: how did the focus return to the mentee?",
                            ],
                        },
                    },
                    {
                        "type": "reflection",
                        "value": {
                            "prompt": (
                                "Which parts of your own story are you comfortable sharing with "
                                "mentees, and which will you keep private?"
                            ),
                            "guidance": (
                                "Keep this list for yourself and revisit it as your recovery and "
                                "confidence change. You may want to talk it through with your "
                                "supervisor."
                            ),
                        },
                    },
                    {"type": "quiz", "value": {}},
                ],
                "quiz": {
                    "title": "Sharing your story: check your understanding",
                    "instructions": (
                        "Answer all the questions and read the feedback. The pass mark is 80%."
                    ),
                    "pass_mark": 80,
                    "questions": [
                        {
                            "kind": "single",
                            "prompt": (
                                "What is the main purpose of sharing your own experience with a "
                                "mentee?"
                            ),
                            "vignette": "",
                            "competency": "empathy-validation",
                            "critical": False,
                            "points": 1,
                            "explanation": (
                                "Self-disclosure is a tool used for the mentee's benefit: to "
                                "reduce shame, offer hope and show understanding."
                            ),
                            "choices": [
                                {
                                    "text": (
                                        "To benefit the mentee, for example by offering hope or "
                                        "easing shame"
                                    ),
                                    "correct": True,
                                    "feedback": "Correct: sharing should serve the mentee.",
                                },
                                {
                                    "text": "To help you work through your own experiences",
                                    "correct": False,
                                    "feedback": (
                                        "Your own processing belongs in supervision and your own "
                                        "support."
                                    ),
                                },
                                {
                                    "text": "To prove that you are an expert on recovery",
                                    "correct": False,
                                    "feedback": (
                                        "Peer support is about mutual understanding, not expertise."
                                    ),
                                },
                                {
                                    "text": "To fill silences in the conversation",
                                    "correct": False,
                                    "feedback": (
                                        "Silences are often useful and do not need filling."
                                    ),
                                },
                            ],
                        },
                        {
                            "kind": "true_false",
                            "prompt": (
                                "You can choose to keep parts of your own story private, even from "
                                "a mentee with similar experiences."
                            ),
                            "vignette": "",
                            "competency": "boundaries",
                            "critical": False,
                            "points": 1,
                            "explanation": (
                                "Your story belongs to you. You decide what to share, ideally "
                                "agreed in advance with your supervisor."
                            ),
                            "choices": [
                                {
                                    "text": "True",
                                    "correct": True,
                                    "feedback": (
                                        "Correct: you choose what to share and what to keep "
                                        "private."
                                    ),
                                },
                                {
                                    "text": "False",
                                    "correct": False,
                                    "feedback": (
                                        "Not quite: you are never obliged to share any part of "
                                        "your story."
                                    ),
                                },
                            ],
                        },
                        {
                            "kind": "multiple",
                            "prompt": (
                                "Which of these are good practice when sharing your experience? "
                                "Select all that apply."
                            ),
                            "vignette": "",
                            "competency": "empathy-validation",
                            "critical": False,
                            "points": 1,
                            "explanation": (
                                "Good sharing is brief and relevant, focuses on what helped, and "
                                "hands the conversation back. Graphic detail and presenting your "
                                "path as the answer are unhelpful."
                            ),
                            "choices": [
                                {
                                    "text": "Keeping it brief and relevant",
                                    "correct": True,
                                    "feedback": "Yes: a sentence or two is usually enough.",
                                },
                                {
                                    "text": "Focusing on what helped and what you learned",
                                    "correct": True,
                                    "feedback": "Yes: this offers hope without distressing detail.",
                                },
                                {
                                    "text": "Returning the focus with an open question",
                                    "correct": True,
                                    "feedback": (
                                        "Yes: this keeps the conversation about the mentee."
                                    ),
                                },
                                {
                                    "text": (
                                        "Describing methods of self-harm in detail so it feels "
                                        "authentic"
                                    ),
                                    "correct": False,
                                    "feedback": (
                                        "Graphic detail can be distressing or harmful to hear."
                                    ),
                                },
                                {
                                    "text": "Saying that what worked for you will work for them",
                                    "correct": False,
                                    "feedback": "Everyone's recovery is different.",
                                },
                            ],
                        },
                        {
                            "kind": "single",
                            "prompt": "What is the best approach?",
                            "vignette": (
                                "Your mentee describes a relapse that sounds almost exactly like "
                                "yours last year. You feel tearful and have a strong urge to tell "
                                "them everything."
                            ),
                            "competency": "boundaries",
                            "critical": False,
                            "points": 1,
                            "explanation": (
                                "When a story is still raw for you, hold back from a full share, "
                                "keep listening and focused on the mentee, and take your own "
                                "feelings to supervision."
                            ),
                            "choices": [
                                {
                                    "text": "Tell them the full story so they know you understand",
                                    "correct": False,
                                    "feedback": (
                                        "This moves the focus to you and shares something still "
                                        "raw."
                                    ),
                                },
                                {
                                    "text": (
                                        "Hold back from a full share, keep listening, and take "
                                        "your own feelings to supervision afterwards"
                                    ),
                                    "correct": True,
                                    "feedback": (
                                        "Correct: the mentee stays at the centre and you get "
                                        "support too."
                                    ),
                                },
                                {
                                    "text": "End the session suddenly without explanation",
                                    "correct": False,
                                    "feedback": (
                                        "This could leave the mentee confused or feeling rejected."
                                    ),
                                },
                                {
                                    "text": (
                                        "Tell them your relapse was worse, to put theirs in "
                                        "perspective"
                                    ),
                                    "correct": False,
                                    "feedback": "Comparing can minimise the mentee's experience.",
                                },
                            ],
                        },
                        {
                            "kind": "single",
                            "prompt": "How should you respond?",
                            "vignette": (
                                "Your mentee asks, 'Have you ever been on medication? I'm thinking "
                                "of coming off mine.'"
                            ),
                            "competency": "boundaries",
                            "critical": False,
                            "points": 1,
                            "explanation": (
                                "You may share a brief, honest answer if you are comfortable, but "
                                "never recommend or warn against a medication. Turn the focus back "
                                "and suggest they discuss medication questions with their "
                                "prescriber."
                            ),
                            "choices": [
                                {
                                    "text": (
                                        "Tell them which medication worked for you and suggest "
                                        "they ask for it"
                                    ),
                                    "correct": False,
                                    "feedback": (
                                        "Recommending a medication is outside the peer mentor role."
                                    ),
                                },
                                {
                                    "text": (
                                        "Say you stopped your medication and felt better, so they "
                                        "could too"
                                    ),
                                    "correct": False,
                                    "feedback": (
                                        "This could be dangerous; medication changes need a "
                                        "prescriber."
                                    ),
                                },
                                {
                                    "text": (
                                        "If you're comfortable, answer briefly, then ask about "
                                        "their experience and suggest they take medication "
                                        "questions to their prescriber"
                                    ),
                                    "correct": True,
                                    "feedback": "Correct: honest, brief and within the role.",
                                },
                            ],
                        },
                        {
                            "kind": "true_false",
                            "prompt": (
                                "If part of your story still feels raw and upsetting, that is a "
                                "good time to share it, because it will feel more authentic."
                            ),
                            "vignette": "",
                            "competency": "empathy-validation",
                            "critical": False,
                            "points": 1,
                            "explanation": (
                                "Experiences that still feel raw are best left unshared with "
                                "mentees and taken to your own support and supervision."
                            ),
                            "choices": [
                                {
                                    "text": "True",
                                    "correct": False,
                                    "feedback": (
                                        "Not quite: raw experiences can pull the focus to you and "
                                        "affect your wellbeing."
                                    ),
                                },
                                {
                                    "text": "False",
                                    "correct": True,
                                    "feedback": (
                                        "Correct: share what you have worked through, not what is "
                                        "still raw."
                                    ),
                                },
                            ],
                        },
                    ],
                },
            },
            {
                "slug": "hope-goals-strengths",
                "title": "Hope, goals and strengths-based conversations",
                "estimated_minutes": 35,
                "competencies": ["empathy-validation", "active-listening", "referral"],
                "body": [
                    {
                        "type": "heading",
                        "value": {"text": "Hope as something you can offer", "level": "h2"},
                    },
                    {
                        "type": "rich_text",
                        "value": (
                            "<p>A peer mentor is living evidence that things can change. That is a "
                            "powerful source of hope, but hope is not the same as forced "
                            "cheerfulness. It sits alongside an honest acknowledgement of how hard "
                            "things are now. In peer support, recovery is defined by the person "
                            "themselves: for many it means a life that feels meaningful and their "
                            "own, which does not necessarily mean having no symptoms.</p>"
                        ),
                    },
                    {
                        "type": "heading",
                        "value": {"text": "Starting from strengths", "level": "h3"},
                    },
                    {
                        "type": "rich_text",
                        "value": (
                            "<p>A strengths-based conversation pays attention to what is already "
                            "working: the person's skills, values, relationships, interests and "
                            "the ways they have coped before. Questions that can help "
                            "include:</p><ul><li>'What has helped you get through difficult times "
                            "before?'</li><li>'What matters most to you at the "
                            "moment?'</li><li>'What would a slightly better week look "
                            "like?'</li><li>'Who is on your side?'</li></ul>"
                        ),
                    },
                    {
                        "type": "heading",
                        "value": {"text": "Small goals the mentee owns", "level": "h3"},
                    },
                    {
                        "type": "rich_text",
                        "value": (
                            "<p>Goals belong to the mentee; your job is to help them think, not to "
                            "set the agenda. Small, specific and realistic steps work best: 'walk "
                            "to the end of the road twice this week' is easier to start and to "
                            "notice than 'get fit'. When you review progress, do it without "
                            "judgement. If a step did not happen, treat it as useful information, "
                            "explore together what got in the way and adjust the step.</p>"
                        ),
                    },
                    {
                        "type": "callout",
                        "value": {
                            "kind": "key_point",
                            "title": "Their goals, their pace",
                            "text": (
                                "<p>If you find yourself more invested in a goal than the mentee "
                                "is, step back and ask what they want. Progress that the mentee "
                                "chooses is far more likely to last.</p>"
                            ),
                        },
                    },
                    {
                        "type": "heading",
                        "value": {"text": "Connecting with wider support", "level": "h3"},
                    },
                    {
                        "type": "rich_text",
                        "value": (
                            "<p>A strong recovery rarely rests on one relationship. Help mentees "
                            "build links with peer groups, community activities and services. "
                            "Learn your programme's resource directory, offer information, let the "
                            "mentee decide, support them to make contact themselves where they "
                            "can, and check back on how it went. If needs go beyond your role, "
                            "such as clinical, housing, debt or legal issues, refer through your "
                            "programme. Any sign of serious risk means following your safety "
                            "procedure straight away.</p>"
                        ),
                    },
                    {
                        "type": "scenario",
                        "value": {
                            "title": "'Nothing ever works'",
                            "situation": (
                                "<p>Your mentee sighs and says, 'I've tried everything. Nothing "
                                "ever works for me. I don't know why I bother.' They have kept "
                                "every session with you for the past two months.</p>"
                            ),
                            "prompts": [
                                "How could you acknowledge how they feel without arguing?",
                                (
                                    "What strengths might be hidden in what you already know about "
                                    "them?"
                                ),
                                (
                                    "What question might help them notice something that has "
                                    "helped, even a little?"
                                ),
                            ],
                        },
                    },
                    {
                        "type": "role_play",
                        "value": {
                            "title": "Finding one small step",
                            "roles": [
                                {
                                    "name": "Mentor",
                                    "brief": (
                                        "Use strengths-based questions to help the mentee identify "
                                        "one small, specific step they would like to take before "
                                        "your next meeting. Do not suggest the goal yourself."
                                    ),
                                },
                                {
                                    "name": "Mentee",
                                    "brief": (
                                        "Play someone who wants to feel less isolated but feels "
                                        "overwhelmed by the idea of groups or classes."
                                    ),
                                },
                                {
                                    "name": "Observer",
                                    "brief": (
                                        "Note the strengths-based questions used, whether the goal "
                                        "came from the mentee, and whether it ended up small and "
                                        "specific."
                                    ),
                                },
                            ],
                            "brief": (
                                "<p>Work in threes with seven-minute rounds, then swap roles.</p>"
                            ),
                            "debrief_questions": [
                                "Mentee: did the step feel like yours?",
                                (
                                    "Mentor: when were you tempted to suggest a goal, and what did "
                                    "you do?"
                                ),
                                "Observer: which question opened things up the most?",
                            ],
                        },
                    },
                    {
                        "type": "reflection",
                        "value": {
                            "prompt": (
                                "Think of a small step that once made a difference in your own "
                                "recovery. Who or what helped you take it?"
                            ),
                            "guidance": (
                                "Notice what made the step manageable. This may help you support "
                                "mentees to find steps of their own."
                            ),
                        },
                    },
                    {
                        "type": "resource_links",
                        "value": {
                            "title": "Groups and services to explore together",
                            "intro": (
                                "Example resources a mentee might choose to contact as part of "
                                "building wider support."
                            ),
                            "categories": ["peer_support_group", "local_service", "online_support"],
                        },
                    },
                    {"type": "quiz", "value": {}},
                ],
                "quiz": {
                    "title": "Hope, goals and strengths: check your understanding",
                    "instructions": (
                        "Answer all the questions and read the feedback. The pass mark is 80%."
                    ),
                    "pass_mark": 80,
                    "questions": [
                        {
                            "kind": "single",
                            "prompt": "Which of these is a strengths-based question?",
                            "vignette": "",
                            "competency": "empathy-validation",
                            "critical": False,
                            "points": 1,
                            "explanation": (
                                "Strengths-based questions draw attention to what has helped and "
                                "what already works, rather than to deficits or labels."
                            ),
                            "choices": [
                                {
                                    "text": (
                                        "'What has helped you get through difficult times before?'"
                                    ),
                                    "correct": True,
                                    "feedback": (
                                        "Correct: it invites the mentee to notice their own "
                                        "resources."
                                    ),
                                },
                                {
                                    "text": "'What's wrong with you?'",
                                    "correct": False,
                                    "feedback": "This focuses on deficits and can feel blaming.",
                                },
                                {
                                    "text": "'Why haven't you sorted this out yet?'",
                                    "correct": False,
                                    "feedback": "This is judgemental and discouraging.",
                                },
                                {
                                    "text": "'What is your diagnosis?'",
                                    "correct": False,
                                    "feedback": (
                                        "This focuses on a label rather than the person's "
                                        "strengths."
                                    ),
                                },
                            ],
                        },
                        {
                            "kind": "true_false",
                            "prompt": (
                                "In peer mentoring, the mentor should set the mentee's recovery "
                                "goals for them."
                            ),
                            "vignette": "",
                            "competency": "empathy-validation",
                            "critical": False,
                            "points": 1,
                            "explanation": (
                                "Goals belong to the mentee. The mentor helps them think things "
                                "through but does not set the agenda."
                            ),
                            "choices": [
                                {
                                    "text": "True",
                                    "correct": False,
                                    "feedback": (
                                        "Not quite: goals chosen by the mentee are more meaningful "
                                        "and last longer."
                                    ),
                                },
                                {
                                    "text": "False",
                                    "correct": True,
                                    "feedback": "Correct: the mentee owns their goals.",
                                },
                            ],
                        },
                        {
                            "kind": "multiple",
                            "prompt": (
                                "Which of these are small, specific goals? Select all that apply."
                            ),
                            "vignette": "",
                            "competency": "empathy-validation",
                            "critical": False,
                            "points": 1,
                            "explanation": (
                                "Small, specific goals say what will happen and when. 'Sort my "
                                "whole life out' and 'be happy all the time' are too broad to act "
                                "on."
                            ),
                            "choices": [
                                {
                                    "text": "Walk to the end of the road twice this week",
                                    "correct": True,
                                    "feedback": "Yes: it is small, specific and easy to notice.",
                                },
                                {
                                    "text": (
                                        "Phone the peer support group about meeting times by Friday"
                                    ),
                                    "correct": True,
                                    "feedback": "Yes: it is clear what will happen and by when.",
                                },
                                {
                                    "text": "Cook one meal at home this weekend",
                                    "correct": True,
                                    "feedback": "Yes: it is realistic and specific.",
                                },
                                {
                                    "text": "Sort my whole life out",
                                    "correct": False,
                                    "feedback": "This is too big and vague to start on.",
                                },
                                {
                                    "text": "Be happy all the time",
                                    "correct": False,
                                    "feedback": "This is neither realistic nor specific.",
                                },
                            ],
                        },
                        {
                            "kind": "single",
                            "prompt": "What is the most helpful response?",
                            "vignette": (
                                "Your mentee says, 'I've tried everything. Nothing ever works for "
                                "me.' They have come to every session for two months."
                            ),
                            "competency": "empathy-validation",
                            "critical": False,
                            "points": 1,
                            "explanation": (
                                "Acknowledge the frustration without arguing, then gently explore "
                                "anything that has helped even a little, such as the fact that "
                                "they keep coming to sessions."
                            ),
                            "choices": [
                                {
                                    "text": "Tell them they are being too negative",
                                    "correct": False,
                                    "feedback": (
                                        "Arguing with feelings tends to make people feel unheard."
                                    ),
                                },
                                {
                                    "text": "Give them a list of ten new things to try",
                                    "correct": False,
                                    "feedback": (
                                        "This jumps to advice and may add to the sense of failure."
                                    ),
                                },
                                {
                                    "text": (
                                        "Acknowledge how discouraging it feels, then gently ask "
                                        "about anything that has helped even a little"
                                    ),
                                    "correct": True,
                                    "feedback": (
                                        "Correct: this validates the feeling and opens up "
                                        "strengths."
                                    ),
                                },
                                {
                                    "text": "Agree that nothing will work for them",
                                    "correct": False,
                                    "feedback": (
                                        "This confirms hopelessness rather than offering hope."
                                    ),
                                },
                            ],
                        },
                        {
                            "kind": "single",
                            "prompt": "What is the best way to support your mentee?",
                            "vignette": (
                                "Your mentee mentions that letters about debts are piling up "
                                "unopened and they feel too overwhelmed to deal with them."
                            ),
                            "competency": "referral",
                            "critical": False,
                            "points": 1,
                            "explanation": (
                                "Debt is outside the peer mentor role. Acknowledge the stress, "
                                "offer information from your programme's directory, support the "
                                "mentee to make contact themselves and check back later."
                            ),
                            "choices": [
                                {
                                    "text": "Tell them which debts to pay first",
                                    "correct": False,
                                    "feedback": (
                                        "Financial advice is outside your role and needs a "
                                        "specialist."
                                    ),
                                },
                                {
                                    "text": "Offer to pay the most urgent bill yourself",
                                    "correct": False,
                                    "feedback": "Giving money crosses a clear boundary.",
                                },
                                {
                                    "text": (
                                        "Acknowledge the stress, share details of a debt advice "
                                        "service from your programme's directory, support them to "
                                        "contact it and check back"
                                    ),
                                    "correct": True,
                                    "feedback": (
                                        "Correct: this is a supportive referral that keeps the "
                                        "mentee in charge."
                                    ),
                                },
                                {
                                    "text": "Say it isn't your job and move on to another topic",
                                    "correct": False,
                                    "feedback": "This leaves the mentee without a route to help.",
                                },
                            ],
                        },
                        {
                            "kind": "single",
                            "prompt": (
                                "Your mentee did not manage the step they chose last week. What is "
                                "the most helpful approach?"
                            ),
                            "vignette": "",
                            "competency": "empathy-validation",
                            "critical": False,
                            "points": 1,
                            "explanation": (
                                "A missed step is useful information. Review it without judgement, "
                                "explore what got in the way and adjust the step together."
                            ),
                            "choices": [
                                {
                                    "text": "Tell them you are disappointed",
                                    "correct": False,
                                    "feedback": (
                                        "Judgement can add to shame and discourage honesty."
                                    ),
                                },
                                {
                                    "text": (
                                        "Treat it as information, explore what got in the way and "
                                        "adjust the step"
                                    ),
                                    "correct": True,
                                    "feedback": (
                                        "Correct: this keeps progress possible and judgement-free."
                                    ),
                                },
                                {
                                    "text": "Set a bigger goal to make up for lost time",
                                    "correct": False,
                                    "feedback": (
                                        "Bigger steps usually make the next attempt harder."
                                    ),
                                },
                                {
                                    "text": "Stop talking about goals altogether",
                                    "correct": False,
                                    "feedback": (
                                        "One missed step is not a reason to give up on goals."
                                    ),
                                },
                            ],
                        },
                        {
                            "kind": "true_false",
                            "prompt": (
                                "In peer support, recovery is defined by the person themselves and "
                                "does not necessarily mean having no symptoms."
                            ),
                            "vignette": "",
                            "competency": "empathy-validation",
                            "critical": False,
                            "points": 1,
                            "explanation": (
                                "Recovery is personal: for many it means a meaningful life of "
                                "their own choosing, whether or not symptoms remain."
                            ),
                            "choices": [
                                {
                                    "text": "True",
                                    "correct": True,
                                    "feedback": (
                                        "Correct: each person defines what recovery means for them."
                                    ),
                                },
                                {
                                    "text": "False",
                                    "correct": False,
                                    "feedback": (
                                        "Not quite: recovery is defined by the person, not by the "
                                        "absence of symptoms."
                                    ),
                                },
                            ],
                        },
                    ],
                },
            },
        ],
    },
]

RESOURCES = [
    {
        "name": "988 Suicide & Crisis Lifeline",
        "category": "crisis_line",
        "description": (
            "Free, confidential support for anyone in emotional distress or suicidal crisis in the "
            "United States. Call or text 988, or chat online."
        ),
        "phone": "988",
        "website": "https://988lifeline.org",
        "hours": "24 hours, every day",
        "languages": ["en", "es"],
        "region": "United States",
        "is_example": False,
    },
    {
        "name": "Samaritans",
        "category": "crisis_line",
        "description": (
            "Free, confidential listening support for anyone who is struggling to cope, including "
            "people having thoughts of suicide."
        ),
        "phone": "116 123",
        "website": "https://www.samaritans.org",
        "hours": "24 hours, every day",
        "languages": ["en"],
        "region": "United Kingdom and Ireland",
        "is_example": False,
    },
    {
        "name": "Emergency services (UK)",
        "category": "emergency",
        "description": (
            "Call 999 if a life is at immediate risk, for example after an overdose, a serious "
            "injury, or when someone cannot keep themselves safe."
        ),
        "phone": "999",
        "website": "",
        "hours": "24 hours, every day",
        "languages": ["en"],
        "region": "United Kingdom",
        "is_example": False,
    },
    {
        "name": "Emergency services (US)",
        "category": "emergency",
        "description": (
            "Call 911 if a life is at immediate risk or someone needs urgent medical help."
        ),
        "phone": "911",
        "website": "",
        "hours": "24 hours, every day",
        "languages": ["en"],
        "region": "United States",
        "is_example": False,
    },
    {
        "name": "European emergency number",
        "category": "emergency",
        "description": (
            "Call 112 from any phone in the European Union if a life is at immediate risk."
        ),
        "phone": "112",
        "website": "",
        "hours": "24 hours, every day",
        "languages": ["en"],
        "region": "European Union",
        "is_example": False,
    },
    {
        "name": "Example City Crisis Café",
        "category": "local_service",
        "description": (
            "Fictional example. A calm evening drop-in where people in distress can talk to "
            "trained staff and peer workers as an alternative to waiting in A&E."
        ),
        "phone": "01632 960 001",
        "website": "https://example.org/example-city-crisis-cafe",
        "hours": "Every day, 18:00 to 23:00",
        "languages": ["en", "pl"],
        "region": "Example City",
        "is_example": True,
    },
    {
        "name": "Riverside Peer Support Group",
        "category": "peer_support_group",
        "description": (
            "Fictional example. A friendly weekly group, run by people with lived experience, for "
            "adults living with anxiety or depression."
        ),
        "phone": "01632 960 002",
        "website": "https://example.org/riverside-peer-support",
        "hours": "Tuesdays, 18:30 to 20:00",
        "languages": ["en"],
        "region": "Example City",
        "is_example": True,
    },
    {
        "name": "Afon Valley Recovery Café",
        "category": "peer_support_group",
        "description": (
            "Fictional example. An alcohol-free café and meeting space for people in recovery from "
            "addiction, with peer-led groups most afternoons."
        ),
        "phone": "01632 960 003",
        "website": "https://example.org/afon-valley-recovery-cafe",
        "hours": "Monday to Saturday, 10:00 to 16:00",
        "languages": ["en", "cy"],
        "region": "Example Valley, Wales",
        "is_example": True,
    },
    {
        "name": "Example County Community Mental Health Team",
        "category": "local_service",
        "description": (
            "Fictional example. Secondary mental-health service taking referrals from GPs and "
            "partner organisations, including this mentoring programme."
        ),
        "phone": "01632 960 010",
        "website": "https://example.org/example-county-cmht",
        "hours": "Monday to Friday, 09:00 to 17:00",
        "languages": ["en"],
        "region": "Example County",
        "is_example": True,
    },
    {
        "name": "Example Money and Debt Advice",
        "category": "local_service",
        "description": (
            "Fictional example. Free, impartial help with debts, benefits and budgeting, by phone "
            "or at weekly drop-in sessions."
        ),
        "phone": "01632 960 020",
        "website": "https://example.org/money-and-debt-advice",
        "hours": "Monday to Friday, 09:30 to 16:30",
        "languages": ["en", "pl"],
        "region": "Example City",
        "is_example": True,
    },
    {
        "name": "Harbor City Peer Warmline",
        "category": "local_service",
        "description": (
            "Fictional example. A non-crisis phone line staffed by peers, for anyone who wants to "
            "talk things through before they reach crisis point."
        ),
        "phone": "(201) 555-0123",
        "website": "https://example.org/harbor-city-warmline",
        "hours": "Every day, 16:00 to 22:00",
        "languages": ["en", "es"],
        "region": "Harbor City, United States",
        "is_example": True,
    },
    {
        "name": "Example Online Peer Forum",
        "category": "online_support",
        "description": (
            "Fictional example. A moderated online community where people with lived experience "
            "share support and ideas. Not a crisis service."
        ),
        "phone": "",
        "website": "https://example.org/online-peer-forum",
        "hours": "Online at any time; moderated 08:00 to 22:00",
        "languages": ["en", "es"],
        "region": "Online",
        "is_example": True,
    },
]
