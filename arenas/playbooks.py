"""The playbooks Cocreate ships. A data migration loads them; ``arena_create`` applies one."""

DEFAULT_PHASES = [
    {
        "name": "Framing the problem",
        "days": 21,
        "description": "Agree on what the problem is, for whom, and why it matters.",
        "guidance": "Invite people who live with the problem before you invite solutions.",
    },
    {
        "name": "Ideation",
        "days": 28,
        "description": "Gather and discuss ideas from every stakeholder.",
        "guidance": "Ask for many ideas; summarise threads weekly so newcomers can catch up.",
    },
    {
        "name": "Prototyping",
        "days": 42,
        "description": "Turn the most promising ideas into prototypes with mixed teams.",
        "guidance": "Every prototype states a hypothesis and who will test it.",
    },
    {
        "name": "Testing",
        "days": 42,
        "description": "Test prototypes with the people they are for, in rounds.",
        "guidance": "Record learnings after every round, including what did not work.",
    },
    {
        "name": "Scaling & learning",
        "days": 30,
        "description": "Decide what to adopt or scale, and share what was learnt.",
        "guidance": "Conveners decide in the open and explain why.",
    },
]

SHIPPED = [
    {
        "slug": "service-redesign",
        "name": "Service redesign",
        "description": "Redesign a public service together with the people who use it and the staff who run it.",
        "phases": DEFAULT_PHASES,
        "starter_threads": [
            {
                "title": "What works and what does not in the service today?",
                "kind": "discussion",
                "phase": 0,
                "body": "Tell us about your last experience with the service: what helped, what got in the way?",
            },
            {
                "title": "Who uses the service, and who does not but should?",
                "kind": "question",
                "phase": 0,
                "body": "Help us map the people this service is for, including those it fails to reach.",
            },
            {
                "title": "Ideas for a better service",
                "kind": "idea",
                "phase": 1,
                "body": "Share one idea per post. Build on each other's ideas.",
            },
        ],
    },
    {
        "slug": "neighbourhood-challenge",
        "name": "Neighbourhood challenge",
        "description": "Residents, local organisations and the municipality tackle a challenge in one neighbourhood.",
        "phases": [
            {
                "name": "Framing the problem",
                "days": 14,
                "description": "Walk the neighbourhood and name the challenge.",
                "guidance": "Meet where people already are: schools, clubs, the market.",
            },
            {
                "name": "Ideation",
                "days": 21,
                "description": "Collect ideas from residents and local partners.",
                "guidance": "Make it easy to take part from a phone.",
            },
            {
                "name": "Prototyping",
                "days": 30,
                "description": "Try small, cheap experiments in the street.",
                "guidance": "Prefer a weekend trial to a long plan.",
            },
            {
                "name": "Testing",
                "days": 30,
                "description": "See what residents actually use.",
                "guidance": "Count and ask: both numbers and stories.",
            },
            {
                "name": "Scaling & learning",
                "days": 21,
                "description": "Keep what worked; share it with other neighbourhoods.",
                "guidance": "Thank everyone who took part, by name if they agree.",
            },
        ],
        "starter_threads": [
            {
                "title": "Where in the neighbourhood do you feel the challenge most?",
                "kind": "question",
                "phase": 0,
                "body": "Name the places, the times of day and what happens there.",
            },
            {
                "title": "Small experiments we could try next month",
                "kind": "idea",
                "phase": 1,
                "body": "What could we test cheaply, in a few weeks, with what we already have?",
            },
        ],
    },
    {
        "slug": "policy-co-design",
        "name": "Policy co-design",
        "description": "Draft a policy with citizens, experts and elected officials before it goes to the council.",
        "phases": [
            {
                "name": "Framing the problem",
                "days": 21,
                "description": "Agree on the policy question and its limits.",
                "guidance": "Be clear about what is open for discussion and what is decided already.",
            },
            {
                "name": "Ideation",
                "days": 28,
                "description": "Options, evidence and values.",
                "guidance": "Invite experts to answer questions, not to lecture.",
            },
            {
                "name": "Prototyping",
                "days": 28,
                "description": "Draft policy options as concrete proposals.",
                "guidance": "Write each option so that a resident can explain it to a neighbour.",
            },
            {
                "name": "Testing",
                "days": 28,
                "description": "Test the options against real cases.",
                "guidance": "Walk through the cases of people the policy will affect most.",
            },
            {
                "name": "Scaling & learning",
                "days": 21,
                "description": "Recommend, decide and report back.",
                "guidance": "Report back on every recommendation: adopted, changed or rejected, and why.",
            },
        ],
        "starter_threads": [
            {
                "title": "What should this policy achieve?",
                "kind": "discussion",
                "phase": 0,
                "body": "What would a good outcome look like in five years, and for whom?",
            },
            {
                "title": "What do we know, and what do we need to find out?",
                "kind": "question",
                "phase": 1,
                "body": "Share evidence, experience and open questions.",
            },
            {
                "title": "Draft recommendation",
                "kind": "decision",
                "phase": 4,
                "body": "The recommendation the arena sends to the council, and how it was reached.",
            },
        ],
    },
]
