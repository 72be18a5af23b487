"""Closed vocabularies that directories enforce: Apple's categories and the
Podcast Taxonomy roles used by `podcast:person`.

Apple rejects a feed whose `itunes:category` is not on its list, so the
build checks the setting against this copy instead of letting a typo such
as "Health and Fitness" reach Apple. Update it when Apple changes its list.
"""

from __future__ import annotations

APPLE_CATEGORIES: dict[str, tuple[str, ...]] = {
    "Arts": (
        "Books",
        "Design",
        "Fashion & Beauty",
        "Food",
        "Performing Arts",
        "Visual Arts",
    ),
    "Business": (
        "Careers",
        "Entrepreneurship",
        "Investing",
        "Management",
        "Marketing",
        "Non-Profit",
    ),
    "Comedy": ("Comedy Interviews", "Improv", "Stand-Up"),
    "Education": ("Courses", "How To", "Language Learning", "Self-Improvement"),
    "Fiction": ("Comedy Fiction", "Drama", "Science Fiction"),
    "Government": (),
    "History": (),
    "Health & Fitness": (
        "Alternative Health",
        "Fitness",
        "Medicine",
        "Mental Health",
        "Nutrition",
        "Sexuality",
    ),
    "Kids & Family": ("Education for Kids", "Parenting", "Pets & Animals", "Stories for Kids"),
    "Leisure": (
        "Animation & Manga",
        "Automotive",
        "Aviation",
        "Crafts",
        "Games",
        "Hobbies",
        "Home & Garden",
        "Video Games",
    ),
    "Music": ("Music Commentary", "Music History", "Music Interviews"),
    "News": (
        "Business News",
        "Daily News",
        "Entertainment News",
        "News Commentary",
        "Politics",
        "Sports News",
        "Tech News",
    ),
    "Religion & Spirituality": (
        "Buddhism",
        "Christianity",
        "Hinduism",
        "Islam",
        "Judaism",
        "Religion",
        "Spirituality",
    ),
    "Science": (
        "Astronomy",
        "Chemistry",
        "Earth Sciences",
        "Life Sciences",
        "Mathematics",
        "Natural Sciences",
        "Nature",
        "Physics",
        "Social Sciences",
    ),
    "Society & Culture": (
        "Documentary",
        "Personal Journals",
        "Philosophy",
        "Places & Travel",
        "Relationships",
    ),
    "Sports": (
        "Baseball",
        "Basketball",
        "Cricket",
        "Fantasy Sports",
        "Football",
        "Golf",
        "Hockey",
        "Rugby",
        "Running",
        "Soccer",
        "Swimming",
        "Tennis",
        "Volleyball",
        "Wilderness",
        "Wrestling",
    ),
    "Technology": (),
    "True Crime": (),
    "TV & Film": ("After Shows", "Film History", "Film Interviews", "Film Reviews", "TV Reviews"),
}


def N_(message: str) -> str:
    """Marks a word for the translation catalog without translating it here:
    the feed keeps the taxonomy's English role, the episode page shows
    lang.gettext(role)."""
    return message


# role -> group, both lower case as the namespace compares them
# case-insensitively. The roles a coach's show plausibly credits; the
# taxonomy has more (extend here if you need one).
PERSON_ROLES: dict[str, str] = {
    **dict.fromkeys(
        (
            N_("host"),
            N_("co-host"),
            N_("guest host"),
            N_("guest"),
            N_("voice actor"),
            N_("narrator"),
            N_("announcer"),
            N_("reporter"),
        ),
        "cast",
    ),
    **dict.fromkeys(
        (N_("executive producer"), N_("senior producer"), N_("producer"), N_("associate producer")),
        "creative direction",
    ),
    **dict.fromkeys(
        (N_("author"), N_("writer"), N_("researcher"), N_("editor"), N_("transcriber")), "writing"
    ),
    **dict.fromkeys((N_("audio engineer"), N_("technical director")), "audio production"),
    **dict.fromkeys(
        (N_("audio editor"), N_("sound designer"), N_("composer"), N_("theme music")),
        "audio post-production",
    ),
}
