"""Demo step: a public profile for every demo cooperative (sample text)."""

from demo import content

STORIES = {
    "htx-si-lo-lau": (
        "<p>Hợp tác xã của các hộ Hà Nhì trồng sâm dưới tán rừng già Sì Lở Lầu, giữ rừng đầu nguồn "
        "và tự ươm giống từ vườn sưu tập nguồn gen của xã.</p>",
        "<p>A cooperative of Hà Nhì households growing ginseng under the old forest of Sì Lở Lầu, "
        "guarding the headwater forest and raising seedlings from the commune's gene-collection garden.</p>",
    ),
    "htx-mo-si-san": (
        "<p>Các hộ Dao ở Mồ Sì San trồng sâm cùng các cây thuốc truyền thống và chế biến trà, mật ong sâm.</p>",
        "<p>Dao households in Mồ Sì San grow ginseng beside their traditional herbs and make ginseng tea and honey.</p>",
    ),
    "htx-vang-ma-chai": (
        "<p>Hợp tác xã nông lâm kết hợp, trồng sâm trên đất trống có che bóng và dưới tán rừng.</p>",
        "<p>An agroforestry cooperative growing ginseng both under shade nets on open land and under the forest.</p>",
    ),
    "cty-sam-tung-qua-lin": (
        "<p>Doanh nghiệp chế biến sâm thái lát, rượu và trà, liên kết thu mua với các hộ ở Tung Qua Lìn.</p>",
        "<p>A company processing slices, wine and tea, buying under contract from households in Tung Qua Lìn.</p>",
    ),
    "htx-sin-suoi-ho": (
        "<p>Hợp tác xã của người Mông ở bản du lịch cộng đồng Sin Suối Hồ: sâm, homestay và tham quan vườn.</p>",
        "<p>A Hmong cooperative in the community-tourism village of Sin Suối Hồ: ginseng, homestays and garden visits.</p>",
    ),
}


def ensure_cooperative_profiles(loader):
    from cooperatives.models import Profile
    from provenance.models import Cooperative

    for spec in content.COOPERATIVES:
        cooperative = Cooperative.objects.filter(partner__code=spec["code"]).first()
        if cooperative is None or Profile.objects.filter(cooperative=cooperative).exists():
            continue
        story_vi, story_en = STORIES[spec["code"]]
        Profile.objects.create(
            cooperative=cooperative,
            slug=spec["code"],
            story_vi=story_vi + f"<p><em>{content.DEMO_NOTE_VI}</em></p>",
            story_en=story_en + f"<p><em>{content.DEMO_NOTE_EN}</em></p>",
            is_public=True,
        )
        loader.note(f"cooperative profile {spec['code']}")
