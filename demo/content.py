"""The demo site's content, in Vietnamese and English.

Sample data: cooperative names, prices, people's words and figures in stories are
invented for the demonstration, except what is quoted from the district plan
(shared/context), and are marked as such on the pages.
"""

DEMO_NOTE_VI = "Nội dung minh hoạ (dữ liệu mẫu)."
DEMO_NOTE_EN = "Demonstration content (sample data)."

# The eight communes named in the Phong Thổ plan (Kế hoạch thực hiện Nghị quyết 17-NQ/TU).
COMMUNES = [
    "Sì Lở Lầu",
    "Mồ Sì San",
    "Vàng Ma Chải",
    "Tung Qua Lìn",
    "Dào San",
    "Bản Lang",
    "Sin Suối Hồ",
    "Lản Nhì Thàng",
]

COOPERATIVES = [
    {
        "code": "htx-si-lo-lau",
        "name": "HTX Sâm Sì Lở Lầu",
        "commune": "Sì Lở Lầu",
        "kind": "cooperative",
    },
    {
        "code": "htx-mo-si-san",
        "name": "HTX Dược liệu Mồ Sì San",
        "commune": "Mồ Sì San",
        "kind": "cooperative",
    },
    {
        "code": "htx-vang-ma-chai",
        "name": "HTX Nông lâm Vàng Ma Chải",
        "commune": "Vàng Ma Chải",
        "kind": "cooperative",
    },
    {
        "code": "cty-sam-tung-qua-lin",
        "name": "Công ty TNHH Sâm Tung Qua Lìn",
        "commune": "Tung Qua Lìn",
        "kind": "company",
    },
    {
        "code": "htx-sin-suoi-ho",
        "name": "HTX Sâm và Du lịch Sin Suối Hồ",
        "commune": "Sin Suối Hồ",
        "kind": "cooperative",
    },
]

PRODUCT_CLASSES = [
    # ship_to: fresh roots and seedlings stay in Vietnam; dried and processed goods may
    # go abroad (see the shipping page); whole or sliced roots abroad need a permit.
    {
        "slug": "fresh-root",
        "vi": "Củ sâm tươi",
        "en": "Fresh root",
        "picture": "fresh-root",
        "ship_to": "vn",
    },
    {
        "slug": "dried-root",
        "vi": "Sâm khô và sâm thái lát",
        "en": "Dried root and slices",
        "picture": "dried-root",
        "ship_to": "anywhere",
        "export_permit": True,
    },
    {
        "slug": "honey-soaked",
        "vi": "Sâm ngâm mật ong",
        "en": "Honey-soaked ginseng",
        "picture": "honey",
        "ship_to": "anywhere",
        "export_permit": True,
    },
    {
        "slug": "ginseng-wine",
        "vi": "Rượu sâm",
        "en": "Ginseng wine",
        "picture": "wine",
        "ship_to": "anywhere",
    },
    {
        "slug": "ginseng-tea",
        "vi": "Trà sâm",
        "en": "Ginseng tea",
        "picture": "tea",
        "ship_to": "anywhere",
    },
    {
        "slug": "seedlings",
        "vi": "Cây giống",
        "en": "Seedlings",
        "picture": "seedling",
        "ship_to": "vn",
    },
]

ATTRIBUTES = [
    {
        "code": "net_weight_g",
        "vi": "Khối lượng tịnh (g)",
        "en": "Net weight (g)",
        "type": "integer",
    },
    {"code": "root_age_years", "vi": "Tuổi củ (năm)", "en": "Root age (years)", "type": "integer"},
    {"code": "grade", "vi": "Phân hạng", "en": "Grade", "type": "option"},
]

CATEGORIES = [
    {"slug": "sam-tuoi", "vi": "Sâm tươi", "en": "Fresh ginseng", "classes": ["fresh-root"]},
    {"slug": "sam-kho", "vi": "Sâm khô", "en": "Dried ginseng", "classes": ["dried-root"]},
    {
        "slug": "san-pham-che-bien",
        "vi": "Sản phẩm chế biến",
        "en": "Processed products",
        "classes": ["honey-soaked", "ginseng-wine", "ginseng-tea"],
    },
    {"slug": "cay-giong", "vi": "Cây giống", "en": "Seedlings", "classes": ["seedlings"]},
]

GRADES = {"A": ("Loại 1", "Grade 1"), "B": ("Loại 2", "Grade 2")}

# (upc, class slug, cooperative code, vi title, en title, grams, age, grade, price VND, stock, priority)
PRODUCTS = [
    (
        "SLC-FR-001",
        "fresh-root",
        "htx-si-lo-lau",
        "Củ sâm Lai Châu tươi 100 g",
        "Fresh Lai Châu ginseng root, 100 g",
        100,
        6,
        "A",
        9_500_000,
        6,
        10,
    ),
    (
        "SLC-FR-002",
        "fresh-root",
        "htx-si-lo-lau",
        "Củ sâm Lai Châu tươi 250 g",
        "Fresh Lai Châu ginseng root, 250 g",
        250,
        7,
        "A",
        22_500_000,
        3,
        9,
    ),
    (
        "SLC-FR-003",
        "fresh-root",
        "htx-mo-si-san",
        "Củ sâm tươi Mồ Sì San 100 g",
        "Fresh ginseng root from Mồ Sì San, 100 g",
        100,
        5,
        "B",
        7_800_000,
        8,
        5,
    ),
    (
        "SLC-FR-004",
        "fresh-root",
        "htx-vang-ma-chai",
        "Củ sâm tươi Vàng Ma Chải 500 g",
        "Fresh ginseng root from Vàng Ma Chải, 500 g",
        500,
        8,
        "A",
        42_000_000,
        2,
        4,
    ),
    (
        "SLC-FR-005",
        "fresh-root",
        "htx-sin-suoi-ho",
        "Củ sâm tươi dưới tán rừng 200 g",
        "Forest-grown fresh ginseng root, 200 g",
        200,
        6,
        "A",
        18_000_000,
        4,
        3,
    ),
    (
        "SLC-DR-001",
        "dried-root",
        "htx-si-lo-lau",
        "Sâm Lai Châu thái lát sấy khô 50 g",
        "Dried Lai Châu ginseng slices, 50 g",
        50,
        5,
        "A",
        4_900_000,
        20,
        8,
    ),
    (
        "SLC-DR-002",
        "dried-root",
        "htx-mo-si-san",
        "Củ sâm khô nguyên củ 100 g",
        "Whole dried ginseng root, 100 g",
        100,
        6,
        "A",
        11_500_000,
        7,
        6,
    ),
    (
        "SLC-DR-003",
        "dried-root",
        "cty-sam-tung-qua-lin",
        "Sâm thái lát 20 g (hộp quà)",
        "Ginseng slices, 20 g gift box",
        20,
        5,
        "B",
        1_950_000,
        30,
        2,
    ),
    (
        "SLC-DR-004",
        "dried-root",
        "htx-vang-ma-chai",
        "Râu sâm sấy khô 50 g",
        "Dried ginseng rootlets, 50 g",
        50,
        4,
        "B",
        1_250_000,
        25,
        1,
    ),
    (
        "SLC-HS-001",
        "honey-soaked",
        "htx-si-lo-lau",
        "Sâm ngâm mật ong rừng 350 g",
        "Ginseng in wild honey, 350 g",
        350,
        5,
        "A",
        3_200_000,
        15,
        7,
    ),
    (
        "SLC-HS-002",
        "honey-soaked",
        "cty-sam-tung-qua-lin",
        "Sâm lát ngâm mật ong 200 g",
        "Ginseng slices in honey, 200 g",
        200,
        4,
        "B",
        1_650_000,
        18,
        2,
    ),
    (
        "SLC-HS-003",
        "honey-soaked",
        "htx-sin-suoi-ho",
        "Sâm ngâm mật ong Sin Suối Hồ 500 g",
        "Sin Suối Hồ ginseng in honey, 500 g",
        500,
        5,
        "A",
        4_400_000,
        9,
        3,
    ),
    (
        "SLC-HS-004",
        "honey-soaked",
        "htx-mo-si-san",
        "Mật ong sâm hũ nhỏ 100 g",
        "Ginseng honey, small jar, 100 g",
        100,
        4,
        "B",
        890_000,
        40,
        1,
    ),
    (
        "SLC-GW-001",
        "ginseng-wine",
        "cty-sam-tung-qua-lin",
        "Rượu sâm Lai Châu 500 ml",
        "Lai Châu ginseng wine, 500 ml",
        500,
        5,
        "A",
        2_600_000,
        12,
        6,
    ),
    (
        "SLC-GW-002",
        "ginseng-wine",
        "htx-vang-ma-chai",
        "Rượu sâm nguyên củ 750 ml",
        "Whole-root ginseng wine, 750 ml",
        750,
        6,
        "A",
        5_800_000,
        5,
        4,
    ),
    (
        "SLC-GW-003",
        "ginseng-wine",
        "htx-si-lo-lau",
        "Rượu sâm ngô men lá 350 ml",
        "Ginseng in corn liquor, 350 ml",
        350,
        4,
        "B",
        1_350_000,
        14,
        1,
    ),
    (
        "SLC-GW-004",
        "ginseng-wine",
        "htx-sin-suoi-ho",
        "Rượu sâm hộp quà 2 chai",
        "Ginseng wine gift set, two bottles",
        1000,
        5,
        "A",
        6_900_000,
        4,
        2,
    ),
    (
        "SLC-TE-001",
        "ginseng-tea",
        "htx-mo-si-san",
        "Trà lá sâm túi lọc 20 túi",
        "Ginseng leaf tea, 20 bags",
        40,
        3,
        "B",
        320_000,
        60,
        5,
    ),
    (
        "SLC-TE-002",
        "ginseng-tea",
        "cty-sam-tung-qua-lin",
        "Trà hoa sâm 50 g",
        "Ginseng flower tea, 50 g",
        50,
        3,
        "A",
        680_000,
        35,
        3,
    ),
    (
        "SLC-TE-003",
        "ginseng-tea",
        "htx-sin-suoi-ho",
        "Trà sâm thảo mộc Phong Thổ 100 g",
        "Phong Thổ herbal ginseng tea, 100 g",
        100,
        3,
        "B",
        450_000,
        45,
        1,
    ),
    (
        "SLC-TE-004",
        "ginseng-tea",
        "htx-vang-ma-chai",
        "Trà củ sâm thái mỏng 30 g",
        "Thin-sliced ginseng root tea, 30 g",
        30,
        4,
        "A",
        1_150_000,
        22,
        2,
    ),
    (
        "SLC-SD-001",
        "seedlings",
        "htx-si-lo-lau",
        "Cây giống sâm Lai Châu 1 năm tuổi",
        "Lai Châu ginseng seedling, 1 year",
        15,
        1,
        "A",
        150_000,
        200,
        3,
    ),
    (
        "SLC-SD-002",
        "seedlings",
        "htx-mo-si-san",
        "Cây giống sâm 2 năm tuổi (bầu đất)",
        "Ginseng seedling, 2 years, in soil pot",
        40,
        2,
        "A",
        320_000,
        120,
        2,
    ),
    (
        "SLC-SD-003",
        "seedlings",
        "htx-vang-ma-chai",
        "Hạt giống sâm đã xử lý (10 hạt)",
        "Treated ginseng seeds, pack of 10",
        5,
        0,
        "B",
        450_000,
        80,
        1,
    ),
    (
        "SLC-SD-004",
        "seedlings",
        "htx-sin-suoi-ho",
        "Cây giống sâm 3 năm tuổi",
        "Ginseng seedling, 3 years",
        60,
        3,
        "A",
        650_000,
        60,
        1,
    ),
    (
        "SLC-FR-006",
        "fresh-root",
        "cty-sam-tung-qua-lin",
        "Củ sâm tươi loại đặc biệt 1 kg",
        "Special-grade fresh ginseng root, 1 kg",
        1000,
        9,
        "A",
        95_000_000,
        1,
        2,
    ),
]

PRODUCT_DESCRIPTIONS = {
    "fresh-root": (
        "<p>Củ sâm Lai Châu (<em>Panax vietnamensis</em> var. <em>fuscidiscus</em>) được trồng dưới tán rừng "
        "ở độ cao trên 1.600 m tại {commune}, thu hái khi đủ tuổi và giao tươi trong 48 giờ. "
        "Mỗi lô có mã số vùng trồng và kết quả kiểm nghiệm.</p>"
        "<p>Bảo quản ngăn mát tủ lạnh, dùng trong 2 tuần.</p>",
        "<p>Lai Châu ginseng (<em>Panax vietnamensis</em> var. <em>fuscidiscus</em>) grown under forest canopy "
        "above 1,600 m in {commune}, harvested at full age and delivered fresh within 48 hours. "
        "Every lot carries its growing-area code and lab results.</p>"
        "<p>Keep refrigerated and use within two weeks.</p>",
    ),
    "dried-root": (
        "<p>Sâm từ {commune} được rửa sạch, thái lát và sấy lạnh để giữ hàm lượng saponin. "
        "Có thể ngậm, hãm trà hoặc hầm cùng món ăn.</p>",
        "<p>Ginseng from {commune}, washed, sliced and cold-dried to keep its saponins. "
        "Chew, steep as tea, or add to a slow-cooked broth.</p>",
    ),
    "honey-soaked": (
        "<p>Sâm Lai Châu ngâm trong mật ong rừng {commune} ít nhất 3 tháng. "
        "Dùng 1–2 thìa mỗi sáng.</p>",
        "<p>Lai Châu ginseng soaked for at least three months in wild honey from {commune}. "
        "Take one or two spoonfuls each morning.</p>",
    ),
    "ginseng-wine": (
        "<p>Rượu sâm ngâm từ củ sâm {commune} với rượu ngô truyền thống của đồng bào vùng cao. "
        "Chỉ bán cho người từ 18 tuổi trở lên.</p>",
        "<p>Ginseng from {commune} steeped in the highlands' traditional corn liquor. "
        "Sold to adults aged 18 and over only.</p>",
    ),
    "ginseng-tea": (
        "<p>Trà từ lá, hoa và củ sâm {commune}, sấy ở nhiệt độ thấp. Hãm với nước 85 °C trong 5 phút.</p>",
        "<p>Tea from the leaves, flowers and root of ginseng grown in {commune}, dried at low heat. "
        "Steep in water at 85 °C for five minutes.</p>",
    ),
    "seedlings": (
        "<p>Cây giống có nguồn gốc từ vườn giống của {commune}, kèm hướng dẫn trồng dưới tán rừng. "
        "Chỉ giao trong tỉnh Lai Châu và các tỉnh lân cận.</p>",
        "<p>Seedlings from the seed garden in {commune}, with instructions for planting under "
        "forest canopy. Delivered within Lai Châu and neighbouring provinces only.</p>",
    ),
}

STORIES = [
    {
        "slug": ("hanh-trinh-cu-sam", "journey-of-a-root"),
        "title": ("Hành trình của một củ sâm", "The journey of a ginseng root"),
        "date": "2026-09-12",
        "kind": "story",
        "tags": ["truy xuất", "vùng trồng"],
        "intro": (
            "Từ cây giống trong vườn ươm đến hộp quà trên bàn người mua: mỗi bước đều được ghi lại.",
            "From a seedling in the nursery to a gift box on the buyer's table: every step is recorded.",
        ),
        "body": (
            "Ở Sì Lở Lầu, một cây sâm cần từ năm đến bảy năm dưới tán rừng trước khi được thu hái. "
            "Mỗi vùng trồng có mã số riêng, và mỗi lô sâm mang theo mã đó đến tận tay người mua.",
            "In Sì Lở Lầu a ginseng plant needs five to seven years under the forest canopy before it "
            "is harvested. Every growing area has its own code, and every lot carries that code all "
            "the way to the buyer.",
        ),
    },
    {
        "slug": ("nghi-quyet-17", "resolution-17"),
        "title": (
            "Phong Thổ triển khai Nghị quyết 17-NQ/TU",
            "Phong Thổ carries out Resolution 17-NQ/TU",
        ),
        "date": "2026-06-02",
        "kind": "news",
        "tags": ["tin tức"],
        "intro": (
            "Kế hoạch phát triển Sâm Lai Châu giai đoạn 2024–2030, tầm nhìn 2035.",
            "The plan to develop Lai Châu ginseng for 2024–2030, with a view to 2035.",
        ),
        "body": (
            "Kế hoạch đặt mục tiêu khoảng 750 ha vùng trồng tại các xã Sì Lở Lầu, Mồ Sì San, Vàng Ma Chải, "
            "Tung Qua Lìn, Dào San, Bản Lang, Sin Suối Hồ, Lản Nhì Thàng; 100% diện tích được cấp mã số "
            "vùng trồng và sản lượng khai thác khoảng 5 tấn mỗi năm vào năm 2030.",
            "The plan aims for about 750 ha of growing areas in the communes of Sì Lở Lầu, Mồ Sì San, "
            "Vàng Ma Chải, Tung Qua Lìn, Dào San, Bản Lang, Sin Suối Hồ and Lản Nhì Thàng, with a "
            "growing-area code for 100% of that land and a harvest of about 5 tonnes a year by 2030.",
        ),
    },
    {
        "slug": ("chong-hang-gia", "fighting-counterfeits"),
        "title": ("Quét mã để biết sâm thật", "Scan the code to know it is genuine"),
        "date": "2026-10-20",
        "kind": "story",
        "tags": ["truy xuất", "chống hàng giả"],
        "intro": (
            "Mỗi sản phẩm có một mã QR dẫn đến vùng trồng, ngày thu hái và kết quả kiểm nghiệm.",
            "Every product has a QR code that leads to its growing area, harvest date and lab results.",
        ),
        "body": (
            "Sâm giả và sâm nhập lậu làm tổn hại người trồng và người mua. Mã QR theo chuẩn GS1 Digital Link "
            "trên mỗi hộp giúp bất kỳ ai kiểm tra nguồn gốc chỉ bằng điện thoại.",
            "Counterfeit and smuggled roots hurt growers and buyers alike. A GS1 Digital Link QR code on "
            "every box lets anyone check the origin with a phone.",
        ),
    },
    {
        "slug": ("mua-thu-hoach", "harvest-season"),
        "title": ("Mùa thu hoạch trên núi Pu Ta Leng", "Harvest season on the mountain"),
        "date": "2026-11-05",
        "kind": "news",
        "tags": ["thu hoạch"],
        "intro": (
            "Các hợp tác xã bắt đầu thu hoạch những lô sâm đủ tuổi.",
            "The cooperatives have begun harvesting the lots that have come of age.",
        ),
        "body": (
            "Thu hoạch được làm thủ công, từng củ một, để không làm đứt rễ. Mỗi lần thu hoạch được ghi "
            "khối lượng, diện tích và ngày vào sổ truy xuất.",
            "Harvest is done by hand, root by root, so as not to break the rootlets. Each harvest's "
            "weight, area and date go into the traceability record.",
        ),
    },
]

CULTURE = [
    {
        "slug": ("nguoi-ha-nhi", "the-ha-nhi"),
        "title": ("Người Hà Nhì và cây sâm", "The Hà Nhì and ginseng"),
        "people": "Hà Nhì",
        "commune": "Sì Lở Lầu",
        "intro": (
            "Những ngôi nhà trình tường bên rừng già, nơi cây sâm được coi là báu vật của núi.",
            "Rammed-earth houses beside old forest, where ginseng is held to be a treasure of the mountain.",
        ),
        "body": (
            "Người Hà Nhì gìn giữ rừng đầu nguồn và những nghi lễ cúng rừng hằng năm. Tri thức về cây thuốc "
            "được truyền qua nhiều thế hệ.",
            "The Hà Nhì protect their headwater forests and hold yearly forest ceremonies. Knowledge of "
            "medicinal plants passes down the generations.",
        ),
    },
    {
        "slug": ("nguoi-dao", "the-dao"),
        "title": ("Người Dao và bài thuốc lá", "The Dao and their herbal remedies"),
        "people": "Dao",
        "commune": "Mồ Sì San",
        "intro": (
            "Tắm lá thuốc, ngâm chân thảo dược và sâm trong đời sống thường ngày.",
            "Herbal baths, foot soaks and ginseng in everyday life.",
        ),
        "body": (
            "Người Dao nổi tiếng với các bài thuốc từ hàng chục loại lá rừng. Sâm là vị thuốc quý dành cho "
            "người già và phụ nữ sau sinh.",
            "The Dao are known for remedies made from dozens of forest leaves. Ginseng is a precious "
            "ingredient kept for elders and for women after childbirth.",
        ),
    },
    {
        "slug": ("nguoi-mong", "the-hmong"),
        "title": ("Người Mông và chợ phiên vùng cao", "The Hmong and the highland market"),
        "people": "Mông",
        "commune": "Sin Suối Hồ",
        "intro": (
            "Chợ phiên, khèn Mông và những ruộng bậc thang bên vùng trồng sâm.",
            "Market days, the Mông reed pipes and terraced fields beside the ginseng plots.",
        ),
        "body": (
            "Sin Suối Hồ là điểm du lịch cộng đồng nổi tiếng của Lai Châu. Du khách có thể ở nhà dân, thăm "
            "vườn sâm và tìm hiểu cách người Mông chăm sóc cây dưới tán rừng.",
            "Sin Suối Hồ is one of Lai Châu's best-known community-tourism villages. Visitors stay in "
            "family homes, visit ginseng gardens and learn how the Hmong tend plants under the trees.",
        ),
    },
]

STANDARD_PAGES = [
    {
        "slug": ("gioi-thieu", "about"),
        "title": ("Giới thiệu", "About"),
        "intro": (
            "Sâm Lai Châu là nơi các hợp tác xã ở Phong Thổ bán sâm của mình, với nguồn gốc rõ ràng.",
            "Sâm Lai Châu is where the cooperatives of Phong Thổ sell their ginseng, with a clear origin.",
        ),
        "body": (
            "Trang web là phần mềm mã nguồn mở, phục vụ kế hoạch phát triển Sâm Lai Châu của huyện Phong Thổ.",
            "This site is open-source software serving the Phong Thổ plan to develop Lai Châu ginseng.",
        ),
        "menu": True,
    },
    {
        "slug": ("du-lich-cong-dong", "community-tourism"),
        "title": ("Du lịch cộng đồng", "Community tourism"),
        "intro": (
            "Thăm vườn sâm dưới tán rừng, ở nhà dân và tìm hiểu văn hoá của người trồng sâm.",
            "Visit ginseng gardens under the forest, stay with families and learn the culture of the growers.",
        ),
        "body": (
            "Các chuyến tham quan do hợp tác xã tổ chức, số chỗ có hạn theo sức chứa của vườn. Chọn ngày "
            "còn chỗ và đặt trực tuyến ở trang Tham quan vườn sâm.",
            "Visits are run by the cooperatives, with places limited by what each garden can host. "
            "Pick a date with free seats and book online on the Farm visits page.",
        ),
        # The menu names the bookable "Farm visits" instead; this page links to them.
        "menu": False,
    },
    {
        "slug": ("van-chuyen", "shipping"),
        "title": ("Vận chuyển", "Shipping"),
        "intro": ("Giao hàng trong nước và quốc tế.", "Delivery in Vietnam and abroad."),
        "body": (
            "Sâm tươi được giao trong 48 giờ trong nước. Đơn quốc tế chỉ gồm sản phẩm khô và chế biến; "
            "người mua chịu trách nhiệm về quy định nhập khẩu của nước mình.",
            "Fresh roots reach Vietnamese addresses within 48 hours. International orders include dried and "
            "processed products only; buyers are responsible for their country's import rules.",
        ),
        "menu": False,
    },
    {
        "slug": ("doi-tra", "returns"),
        "title": ("Đổi trả", "Returns"),
        "intro": ("Chính sách đổi trả hàng.", "Our returns policy."),
        "body": (
            "Sản phẩm còn nguyên niêm phong được đổi trả trong 7 ngày. Sâm tươi chỉ đổi khi bị hư hỏng do vận chuyển.",
            "Sealed products can be returned within 7 days. Fresh roots are replaced only if damaged in transit.",
        ),
        "menu": False,
    },
    {
        "slug": ("quyen-rieng-tu", "privacy"),
        "title": ("Quyền riêng tư", "Privacy"),
        "intro": (
            "Chúng tôi thu thập ít dữ liệu nhất có thể.",
            "We collect as little data as we can.",
        ),
        "body": (
            "Khi quét mã truy xuất, chúng tôi chỉ lưu thời điểm, loại trình duyệt và ngôn ngữ, không lưu địa chỉ IP.",
            "When a traceability code is scanned we keep only the time, the browser family and the language, "
            "never the IP address.",
        ),
        "menu": False,
    },
    {
        "slug": ("dieu-khoan", "terms"),
        "title": ("Điều khoản mua hàng", "Terms of sale"),
        "intro": (
            "Những điều người mua đồng ý khi đặt hàng.",
            "What a buyer agrees to when placing an order.",
        ),
        "body": (
            "Giá tính bằng đồng Việt Nam; giá bằng ngoại tệ chỉ để tham khảo. Hàng được giữ cho bạn đến "
            "hạn thanh toán ghi trên đơn; quá hạn, đơn bị huỷ và hàng trở lại kho. Việc giao hàng theo "
            "chính sách vận chuyển, việc đổi trả theo chính sách đổi trả, dữ liệu cá nhân theo chính sách "
            "quyền riêng tư. Đơn quốc tế: người mua chịu phí ngân hàng và thủ tục nhập khẩu.",
            "Prices are in Vietnamese dong; prices in other currencies are estimates. Your goods are held "
            "until the payment deadline shown on the order; after it the order is cancelled and the goods "
            "go back on sale. Delivery follows the shipping policy, returns the returns policy, personal "
            "data the privacy policy. International orders: the buyer pays the bank fees and import "
            "formalities.",
        ),
        "menu": False,
    },
    {
        "slug": ("lien-he", "contact"),
        "title": ("Liên hệ", "Contact"),
        "intro": ("Liên hệ với chúng tôi.", "Get in touch."),
        "body": (
            "Thư điện tử: lienhe@samlaichau.example — địa chỉ minh hoạ.",
            "E-mail: contact@samlaichau.example — a sample address.",
        ),
        "menu": False,
    },
]
