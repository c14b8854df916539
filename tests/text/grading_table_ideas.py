"""The hand-marked grading table, part two (issue 12): ideas, numbers, reasons, places and people.

Every score was written down the way a teacher marks the answer before the
grader was run on it. Where the grader disagreed, either the grader was
fixed, or the case was left out as one two teachers would mark differently
(the reasons are in docs/grading.md, "What the grader does not do").
``test_grading.TABLE`` joins these to the first 153 cases.
"""

from quizapp.text.question import Question


def short(qid: str, prompt: str, answer, **fields) -> Question:
    return Question.from_dict({"id": qid, "type": "short", "prompt": prompt, "answer": answer, **fields})


# --- ideas ------------------------------------------------------------------------------------------

DEMOCRACY = short(
    "democracy",
    "What kind of democracy lets citizens vote on every law themselves?",
    [["direct democracy"]],
    distractors=["representative democracy"],
)
GREENHOUSE = short("greenhouse", "What traps heat close to the Earth's surface?", [["the greenhouse effect"]])
TREATY = short(
    "treaty",
    "Which agreement ended the fighting in 1919?",
    [["the Treaty of Versailles"]],
    distractors=["the Treaty of Paris"],
)
PHOTO = short(
    "photo",
    "What process lets plants make food from sunlight?",
    [["photosynthesis"]],
    distractors=["respiration"],
)
POWERS = short(
    "powers", "Which idea splits the state's authority into three parts?", [["the separation of powers"]]
)
SUPPLY = short("supply", "What sets prices in a market?", [["supply and demand"]])
RENEWABLE = short(
    "renewable",
    "What kind of energy comes from the sun and the wind?",
    [["renewable energy"]],
    distractors=["nuclear energy", "fossil fuels"],
)
WATER = short(
    "water", "What is the journey of water from the sea to the sky and back called?", [["the water cycle"]]
)
MARKET = Question.from_dict(
    {
        "id": "market",
        "type": "choice",
        "prompt": "Which system lets buyers and sellers set prices?",
        "answer": [["a free market"]],
        "choices": ["a free market", "a planned economy", "a barter system"],
    }
)
GENEVA = short("geneva", "Which rules protect prisoners of war?", [["the Geneva Conventions"]])
IMMUNE = short("immune", "Which part of the body fights infection?", [["the immune system"]])
VOTES = short(
    "votes",
    "What did the suffragettes campaign for?",
    [["votes for women", "women's suffrage", "the right to vote"]],
)
GAS = short(
    "gas",
    "Which gas do car engines give out that warms the planet?",
    [["carbon dioxide"]],
    distractors=["carbon monoxide"],
)
NATIONS = short("nations", "Which organisation sent the peacekeepers?", [["the United Nations"]])

CONCEPTS = [
    (DEMOCRACY, "direct democracy", 1),
    (DEMOCRACY, "Direct", 1),  # the prompt already says "democracy"
    (DEMOCRACY, "a direct one", 1),
    (DEMOCRACY, "direkt democracy", 1),
    (DEMOCRACY, "representative democracy", 0),
    (DEMOCRACY, "democracy", 0),
    (DEMOCRACY, "direct or representative", 0.5),  # a hedge
    (GREENHOUSE, "greenhouse effect", 1),
    (GREENHOUSE, "the green house effect", 1),
    (GREENHOUSE, "the greenhous effect", 1),
    (GREENHOUSE, "the effect", 0),
    (GREENHOUSE, "global warming", 0),
    (TREATY, "treaty of versailles", 1),
    (TREATY, "the Versailles treaty", 1),
    (TREATY, "Treaty of Versaille", 1),
    (TREATY, "the Treaty of Paris", 0),
    (TREATY, "a peace treaty", 0),
    (TREATY, "the treaty", 0),
    (PHOTO, "photosynthesis", 1),
    (PHOTO, "Photosynthesis.", 1),
    (PHOTO, "fotosynthesis", 1),
    (PHOTO, "photosythesis", 1),
    (PHOTO, "it is photosynthesis", 1),
    (PHOTO, "respiration", 0),
    (PHOTO, "synthesis", 0),
    (PHOTO, "photosynthesis and respiration", 0.5),
    (POWERS, "separation of powers", 1),
    (POWERS, "the separation of power", 1),
    (POWERS, "powers", 0),
    (POWERS, "checks and balances", 0),
    (SUPPLY, "supply and demand", 1),
    (SUPPLY, "demand and supply", 1),
    (SUPPLY, "supply & demand", 1),
    (SUPPLY, "supply", 0),
    (SUPPLY, "the government", 0),
    (RENEWABLE, "renewable energy", 1),
    (RENEWABLE, "renewable", 1),
    (RENEWABLE, "renewables", 1),
    (RENEWABLE, "renuable energy", 1),
    (RENEWABLE, "nuclear energy", 0),
    (RENEWABLE, "nuclear", 0),
    (RENEWABLE, "energy", 0),
    (RENEWABLE, "renewable or nuclear", 0.5),
    (WATER, "water cycle", 1),
    (WATER, "the cycle", 0),
    (WATER, "water", 0),
    (WATER, "evaporation", 0),
    (MARKET, "A FREE MARKET", 1),
    (MARKET, "free market", 1),
    (MARKET, "a", 1),
    (MARKET, "b", 0),
    (MARKET, "planned economy", 0),
    (GENEVA, "the Geneva convention", 1),
    (GENEVA, "geneva conventions", 1),
    (GENEVA, "the genava conventions", 1),
    (GENEVA, "the conventions", 0),
    (GENEVA, "the Hague Convention", 0),
    (IMMUNE, "immune system", 1),
    (IMMUNE, "the imune system", 1),
    (IMMUNE, "the nervous system", 0),
    (IMMUNE, "the system", 0),
    (VOTES, "votes for women", 1),
    (VOTES, "women's right to vote", 1),
    (VOTES, "womens suffrage", 1),
    (VOTES, "equal pay", 0),
    (VOTES, "women", 0),
    (GAS, "CO2", 1),
    (GAS, "co2", 1),
    (GAS, "carbon dioxide", 1),
    (GAS, "carbon dioxid", 1),
    (GAS, "carbon monoxide", 0),
    (GAS, "carbon", 0),
    (GAS, "dioxide", 0),
    (NATIONS, "UN", 1),
    (NATIONS, "the U.N.", 1),
    (NATIONS, "the un", 1),
    (NATIONS, "united nation", 1),
    (NATIONS, "NATO", 0),
    (NATIONS, "the nations", 0),
    (NATIONS, "the EU", 0),
]

# --- numbers, ordinals, dates -----------------------------------------------------------------------

BOIL = short("boil", "At what temperature does water boil at sea level?", [["100 °C", "100 degrees Celsius"]])
TOWNSIZE = short("townsize", "How many people live in the town?", [["12,500"]])
# The generator keys "how many" with the noun the text counts; the number alone is the answer.
RESCUED = short("rescued", "How many people were rescued from the flood?", [["1,200 people"]])
TONNES = short("tonnes", "How much rice did the farmers sell?", [["2.5 million tonnes"]])
WALL = short("wall", "In which year did the Berlin Wall fall?", [["1989"]])
LEAGUE = short("league", "Where did the team finish in the league?", [["third", "3rd place"]])
TUNNEL = short("tunnel", "How long is the new tunnel?", [["57 km"]])
SALE = short("sale", "How much did the painting sell for?", [["$4.5 million"]])
VOTE_SHARE = short("share", "What share of the votes did the party win?", [["38%"]])
POPE = short("pope", "Which pope opened the council?", [["Pope John XXIII"]])
WAR = short("war", "During which war was the town bombed?", [["the First World War", "World War I"]])
MOON = short("moon", "When did people first walk on the Moon?", [["20 July 1969"]])

NUMBERS = [
    (BOIL, "100°C", 1),
    (BOIL, "100 degrees", 1),
    (BOIL, "a hundred degrees", 1),
    (BOIL, "100", 1),
    (BOIL, "one hundred degrees celsius", 1),
    (BOIL, "90 degrees", 0),
    (BOIL, "212 F", 0),
    (TOWNSIZE, "12500", 1),
    (TOWNSIZE, "12 500", 1),
    (TOWNSIZE, "twelve thousand five hundred", 1),
    (TOWNSIZE, "12.5 thousand", 1),
    (TOWNSIZE, "about 12,500", 1),
    (TOWNSIZE, "12,500 people", 1),
    (TOWNSIZE, "12,000", 0),
    (TOWNSIZE, "125", 0),
    (RESCUED, "1200", 1),
    (RESCUED, "twelve hundred", 1),
    (RESCUED, "1,200 people", 1),
    (RESCUED, "about 1,200 people were rescued", 1),
    (RESCUED, "1,300", 0),
    (RESCUED, "people", 0),
    (TONNES, "2.5 million", 1),
    (TONNES, "2,500,000 tonnes", 1),
    (TONNES, "3 million tonnes", 0),
    (TONNES, "tonnes", 0),
    (WALL, "1989", 1),
    (WALL, "in 1989", 1),
    (WALL, "nineteen eighty-nine", 1),
    (WALL, "November 1989", 1),
    (WALL, "1991", 0),
    (WALL, "1989 or 1990", 0.5),
    (WALL, "the 1980s", 0),
    (LEAGUE, "3rd", 1),
    (LEAGUE, "third place", 1),
    (LEAGUE, "3", 1),
    (LEAGUE, "they came third", 1),
    (LEAGUE, "in third place", 1),
    (LEAGUE, "second", 0),
    (LEAGUE, "3rd or 4th", 0.5),
    (TUNNEL, "57 kilometres", 1),
    (TUNNEL, "57km", 1),
    (TUNNEL, "fifty-seven kilometres", 1),
    (TUNNEL, "57", 1),
    (TUNNEL, "57 miles", 0),
    (TUNNEL, "75 km", 0),
    (SALE, "4.5 million dollars", 1),
    (SALE, "$4,500,000", 1),
    (SALE, "4.5 million", 1),
    (SALE, "$45 million", 0),
    (SALE, "4.5 million pounds", 0),
    (VOTE_SHARE, "38 per cent", 1),
    (VOTE_SHARE, "38 percent", 1),
    (VOTE_SHARE, "thirty-eight percent", 1),
    (VOTE_SHARE, "38", 1),
    (VOTE_SHARE, "38% of the votes", 1),
    (VOTE_SHARE, "83%", 0),
    (VOTE_SHARE, "about 40%", 0),
    (POPE, "John XXIII", 1),
    (POPE, "John 23rd", 1),
    (POPE, "john the twenty-third", 1),
    (POPE, "Pope John Paul II", 0),
    (POPE, "John XXII", 0),
    (WAR, "WW1", 1),
    (WAR, "World War One", 1),
    (WAR, "the first world war", 1),
    (WAR, "world war 1", 1),
    (WAR, "1st world war", 1),
    (WAR, "WW2", 0),
    (WAR, "the war", 0),
    (WAR, "world war", 0),
    (MOON, "July 20, 1969", 1),
    (MOON, "20th July 1969", 1),
    (MOON, "20 Jul 1969", 1),
    (MOON, "the 20th of July, 1969", 1),
    (MOON, "21 July 1969", 0),
]

# --- reasons ----------------------------------------------------------------------------------------

BIRDS = short(
    "birds",
    "Why do the birds fly south in autumn?",
    [["to find food", "food"], ["to escape the cold", "the cold", "warmer weather"]],
)
ROADS = short(
    "roads",
    "Why did the Romans build roads?",
    [["to move armies quickly", "to move soldiers"], ["for trade", "to trade goods"]],
)
ERUPTION = short(
    "eruption",
    "How did the eruption affect the village?",
    [["ash covered the houses"], ["people had to leave"]],
)
SEA = short(
    "sea", "Why is the sea level rising?", [["ice is melting", "melting ice"], ["warm water expands"]]
)
SHOP = short(
    "shop",
    "Why did the shop close?",
    [["rent went up", "higher rent"], ["fewer customers came", "fewer customers"]],
)

REASONS = [
    (BIRDS, "to find food and escape the cold", 1),
    (BIRDS, "because it gets cold and they need to find food", 1),
    (BIRDS, "food", 0.5),
    (BIRDS, "the cold", 0.5),
    (BIRDS, "it's too cold", 0.5),
    (BIRDS, "for warmer weather", 0.5),
    (BIRDS, "to lay eggs", 0),
    (BIRDS, "they are bored", 0),
    (ROADS, "to move their armies quickly and for trade", 1),
    (ROADS, "so soldiers could move fast", 0.5),
    (ROADS, "trade", 0.5),
    (ROADS, "trading goods and moving soldiers", 1),
    (ROADS, "to look nice", 0),
    (ERUPTION, "ash covered the houses and the people left", 1),
    (ERUPTION, "the people had to leave", 0.5),
    (ERUPTION, "ash covered the houses", 0.5),
    (ERUPTION, "the houses were covered with ash", 0.5),
    (ERUPTION, "ash", 0),
    (ERUPTION, "it was loud", 0),
    (SEA, "because the ice is melting", 0.5),
    (SEA, "melting ice and warmer water expanding", 1),
    (SEA, "the ice caps melt", 0.5),
    (SEA, "the water expands as it warms", 0.5),
    (SEA, "ice", 0),
    (SEA, "the ice is not melting", 0),
    (SHOP, "the rent went up", 0.5),
    (SHOP, "higher rent and fewer customers", 1),
    (SHOP, "because the rent was higher", 0.5),
    (SHOP, "the rent went down", 0),
    (SHOP, "more customers", 0),
    (SHOP, "customers", 0),
]

# --- places and people ------------------------------------------------------------------------------

ATLANTIC = short(
    "atlantic", "Which ocean did the boat cross?", [["the Atlantic Ocean"]], distractors=["the Pacific Ocean"]
)
NILE = short("nile", "Which river runs through Cairo?", [["the River Nile"]])
PAINTER = short(
    "painter", "Who painted the Mona Lisa?", [["Leonardo da Vinci"]], distractors=["Michelangelo"]
)
CHARTER = short("charter", "Which document did King John sign in 1215?", [["Magna Carta"]])
CHOSEN = Question.from_dict(
    {
        "id": "chosen",
        "type": "choice",
        "prompt": "Which town did government forces capture?",
        "answer": [["al-Sukhna"]],
        "choices": ["Damascus", "al-Sukhna", "Deir al-Zor"],
    }
)

NAMES = [
    (ATLANTIC, "the Atlantic", 1),
    (ATLANTIC, "Atlantic", 1),
    (ATLANTIC, "atlantik", 1),
    (ATLANTIC, "Atlantic Ocean", 1),
    (ATLANTIC, "the Pacific", 0),
    (ATLANTIC, "Atlantic or Pacific", 0.5),
    (ATLANTIC, "the ocean", 0),
    (NILE, "nile", 1),
    (NILE, "the nile river", 1),
    (NILE, "the Amazon", 0),
    (NILE, "the river", 0),
    (PAINTER, "da Vinci", 1),
    (PAINTER, "leonardo da vinci", 1),
    (PAINTER, "Michelangelo", 0),
    (CHARTER, "magna carta", 1),
    (CHARTER, "the Magna Charta", 1),
    (CHARTER, "Carta", 0),
    (CHARTER, "Magna", 0),
    (CHOSEN, "AL-SUKHNA", 1),
    (CHOSEN, "Al Sukhna", 1),
    (CHOSEN, "DEIR AL-ZOR", 0),
]

TABLE = CONCEPTS + NUMBERS + REASONS + NAMES
