"""Chinese wording for the indicator catalog, simplified and traditional (no spaces: gaps in characters)."""

from __future__ import annotations

from classifier.indicators.lexicon import Language, Near, terms

# fmt: off
DOCUMENTS = (r"护照", r"護照", r"身份证", r"身份證", r"证件", r"證件", r"工作证", r"工作證", r"居留证", r"居留證")
PHONES = (r"手机", r"手機", r"电话", r"電話")
WAGES = (r"工资", r"工資", r"薪水", r"薪资", r"薪資", r"报酬", r"報酬")
LIVING_COSTS = (r"住宿费", r"住宿費", r"伙食费", r"伙食費", r"餐费", r"餐費", r"车费", r"車費", r"路费", r"路費", r"房租",
                r"工服", r"水电费", r"水電費")

LANGUAGE = Language(
    code="zh",
    name="Chinese",
    spaced=False,
    script="cjk",
    gap_chars=2,
    # 免 negates a fee ("免中介费") but not "免费" (free of charge), which affirms what follows.
    negation=(r"不", r"没", r"沒", r"无", r"無", r"免(?!费|費)", r"从不", r"從不", r"绝不", r"絕不", r"勿", r"别", r"別",
              r"谨防", r"謹防", r"警惕"),
    post_negation=(r"免费", r"免費", r"全免", r"不收", r"为零", r"為零", r"0元"),
    contrast=(r"但是", r"但", r"可是", r"不过", r"不過", r"除了"),
    contexts={
        "adult": terms(r"外围", r"外圍", r"援交", r"兼职妹", r"兼職妹", r"上门服务", r"上門服務", r"包夜", r"全套", r"半套",
                       r"大保健", r"特殊服务", r"特殊服務", r"楼凤", r"樓鳳", r"约炮", r"約炮", r"陪睡", r"性服务",
                       r"性服務", r"学生妹", r"學生妹", r"小姐上门"),
        "job": terms(r"招聘", r"招工", r"诚聘", r"誠聘", r"工作", r"职位", r"職位", r"工资", r"工資", r"薪资", r"薪資",
                     r"月薪", r"日薪", r"雇主", r"劳务", r"勞務", r"员工", r"員工", r"工人", r"普工", r"合同",
                     r"服务员", r"服務員", r"保姆", r"护工", r"護工", r"包吃住"),
        "massage": terms(r"按摩", r"足疗", r"足療", r"推拿", r"水疗", r"水療", r"桑拿", r"养生馆", r"養生館", r"会所", r"會所"),
        "abroad": terms(r"出国", r"出國", r"国外", r"國外", r"海外", r"日本", r"韩国", r"韓國", r"澳洲", r"迪拜", r"欧洲",
                        r"歐洲", r"美国", r"美國", r"加拿大", r"新加坡", r"马来西亚", r"馬來西亞", r"柬埔寨", r"缅甸", r"緬甸",
                        r"泰国", r"泰國", r"菲律宾", r"菲律賓", r"无需经验", r"無需經驗"),
        "talent": terms(r"模特", r"艺人", r"藝人", r"网红", r"網紅", r"主播", r"试镜", r"試鏡", r"经纪公司", r"經紀公司",
                        r"演员", r"演員", r"伴舞"),
    },
    mitigators={
        "awareness_or_news": terms(
            r"人口贩卖", r"人口販賣", r"拐卖", r"拐賣", r"贩卖人口", r"販賣人口", r"受害者", r"强迫劳动", r"強迫勞動",
            r"现代奴役", r"現代奴役", r"警方", r"警察", r"逮捕", r"被捕", r"抓获", r"抓獲", r"法院", r"判刑", r"起诉",
            r"起訴", r"调查", r"調查", r"提醒", r"警惕", r"防骗", r"防騙", r"诈骗", r"詐騙", r"举报", r"舉報", r"热线",
            r"熱線", r"解救", r"反诈", r"反詐",
        ),
        "licensed_professional": terms(r"执照", r"執照", r"持证", r"持證", r"资格证", r"資格證", r"理疗师", r"理療師",
                                       r"康复", r"康復", r"中医", r"中醫", r"诊所", r"診所"),
        "transparent_employer": terms(r"劳动合同", r"勞動合同", r"五险一金", r"五險一金", r"社保", r"免中介费",
                                      r"免中介費", r"不收取任何费用", r"带薪休假", r"帶薪休假"),
    },
    indicators={
        "sex.third_person": terms(r"我们的(?:女孩|美女|小妹)", r"我們的(?:女孩|美女|小妹)"),
        "sex.movement": terms(r"新到", r"刚到", r"剛到", r"只待几天", r"只待幾天"),
        "sex.ethnicity": terms(r"俄罗斯(?:美女|妹)", r"俄羅斯(?:美女|妹)", r"越南(?:美女|妹)", r"泰国(?:美女|妹)",
                               r"泰國(?:美女|妹)", r"日本(?:美女|妹)", r"韩国(?:美女|妹)", r"韓國(?:美女|妹)", r"混血"),
        "sex.multiple_workers": terms(r"(?:多名|多位|众多|眾多)(?:美女|佳丽|佳麗|技师|技師)", r"美女如云", r"美女如雲",
                                      r"新到(?:美女|技师|技師|佳丽|佳麗)"),
        "sex.third_party_control": terms(r"妈咪", r"媽咪", r"鸡头", r"雞頭", r"前台安排", r"前臺安排",
                                         r"(?:老板|老闆|经理|經理) ~2 (?:安排|收钱|收錢|预约|預約)"),
        "sex.price_codes": terms(r"\d{3,4}(?:元|块|塊)? ?(?:/|一)?(?:次|小时|小時|钟|鐘|晚|夜)", r"包夜\d*", r"快餐\d+"),
        "sex.trust_language": terms(r"真人照片", r"照片真实", r"照片真實", r"本人照片"),
        "sex.adult_service_terms": terms(r"外围", r"外圍", r"援交", r"上门服务", r"上門服務", r"大保健", r"全套", r"半套",
                                         r"楼凤", r"樓鳳", r"约炮", r"約炮", r"陪睡", r"特殊服务", r"特殊服務", r"性服务"),
        "sex.parlour_cues/strong": terms(r"大保健", r"全套", r"半套", r"特殊服务", r"特殊服務", r"打飞机", r"打飛機",
                                         r"漫游", r"漫遊", r"胸推", r"冰火", r"毒龙", r"毒龍", r"鸳鸯浴", r"鴛鴦浴", r"莞式"),
        "sex.parlour_cues/staff": terms(r"(?:年轻|年輕|漂亮|新到)(?:美女)?技[师師]", r"美女技[师師]"),
        "sex.parlour_cues/clientele": terms(r"只接男[宾賓]", r"男士[专專]用"),
        "sex.parlour_cues/rooms": terms(r"(?:vip|贵宾|貴賓)(?:房|包间|包間)", r"淋浴", r"包间", r"包間"),
        "sex.parlour_cues/hours": terms(r"24小[时時]营业", r"24小[时時]營業", r"通宵[营營]业", r"通宵營業",
                                        r"营业至凌晨", r"營業至凌晨"),
        "sex.parlour_cues/cash": terms(r"只收[现現]金"),
        "sex.parlour_cues/discreet": terms(r"私密", r"隐秘", r"隱秘"),
        "sex.coded_payment": terms(r"包养", r"包養", r"干爹", r"乾爹", r"金主", r"生活费", r"生活費"),
        "sex.venue_rental": terms(r"钟点房", r"鐘點房"),
        "minor.youth_language": terms(r"学生妹", r"學生妹", r"萝莉", r"蘿莉", r"未成年", r"幼女", r"处女", r"處女",
                                      r"初中生", r"高中生", r"刚满18", r"剛滿18"),
        "minor.school_family": terms(r"初中", r"高中", r"校服", r"放学后", r"放學後"),
        "minor.stated_age_under_18": terms(r"(?:女孩|学生|學生|妹妹|美女)1[0-7][岁歲]", r"十[二三四五六七][岁歲]"),
        "general.off_platform_contact": terms(r"(?:加|联系|聯系|聯絡)(?:微信|vx|qq|telegram|纸飞机|紙飛機)",
                                              r"微信联系", r"只用微信"),
        "general.urgency_pressure": terms(r"急招", r"急聘", r"名额有限", r"名額有限", r"马上出发", r"馬上出發", r"尽快出国"),
        "general.phone_confiscation": terms(
            near=(Near(PHONES, (r"没收", r"沒收", r"上交", r"收走", r"统一保管", r"統一保管", r"扣押", r"代为保管",
                                r"代為保管"), window=4),),
            unless=(r"储物柜", r"儲物櫃", r"上班期间", r"上班期間", r"工作期间", r"工作期間", r"屏幕", r"手机壳",
                    r"充电器", r"出售", r"转让", r"轉讓"),
        ),
        "labor.too_good_pay": terms(r"高薪", r"月薪(?:过|過)?万", r"月入(?:过|過)?万", r"轻松赚钱", r"輕鬆賺錢",
                                    r"日[赚賺入]\d*", r"月薪\d{5,6}", r"年薪百万", r"年薪百萬"),
        "labor.no_experience": terms(negative=(r"无需经验", r"無需經驗", r"无经验要求", r"不需要经验", r"零经验", r"零經驗")),
        "labor.irregular_status": terms(r"旅游签", r"旅遊簽", r"黑工", r"偷渡",
                                        negative=(r"无需证件", r"無需證件", r"不需要护照", r"无需工作签证")),
        "labor.recruitment_fees_debt": terms(
            r"中介费", r"中介費", r"介绍费", r"介紹費", r"报名费", r"報名費", r"培训费", r"培訓費", r"押金", r"以工抵[债債]",
            r"(?:机票|機票|签证|簽證|路费|路費) ~3 (?:从工资(?:中)?扣|從工資(?:中)?扣|工资抵扣|工資抵扣|先垫付|先墊付)",
            near=(Near((r"债务", r"債務", r"欠款", r"借款", r"垫付", r"墊付"), (r"从工资扣", r"從工資扣", r"工资抵扣",
                                                                       r"工資抵扣", r"分期扣", r"扣还", r"扣還"),
                       window=5),),
            unless=(r"公司承担", r"公司承擔", r"雇主承担", r"雇主承擔", r"房租", r"租金", r"押一付"),
        ),
        "labor.travel_arranged": terms(r"包机票", r"包機票", r"包签证", r"包簽證", r"一条龙服务", r"一條龍服務",
                                       r"全程安排", r"机场接机", r"機場接機",
                                       r"(?:机票|機票|签证|簽證)(?:和|及|、|\+)(?:签证|簽證|机票|機票|住宿)"),
        "labor.document_retention": terms(
            r"(?:公司|雇主|老板|老闆|中介)(?:统一|統一)?(?:扣押|扣留|没收|沒收|保管|收走)(?:员工|員工|你的|工人)?(?:的)?(?:"
            + "|".join(DOCUMENTS) + ")",
            near=(Near(DOCUMENTS, (r"扣押", r"扣留", r"没收", r"沒收", r"保管", r"收走", r"上交", r"交给公司", r"交給公司",
                                   r"代为保管", r"代為保管", r"统一保管", r"統一保管", r"押在"), window=4),),
            unless=(r"复印件", r"複印件", r"扫描", r"掃描", r"有效", r"续签", r"續簽", r"大使馆", r"大使館", r"领事馆",
                    r"領事館", r"携带", r"攜帶", r"带上", r"帶上", r"丢失", r"丟失", r"办理", r"辦理"),
        ),
        "labor.confinement": terms(
            r"禁止外出", r"封[闭閉](?:式)?管理", r"有人看守", r"有保安看守", r"限制(?:人身)?自由", r"锁在", r"鎖在",
            r"外出需(?:要)?(?:批准|申请|申請|请假|請假|陪同)", r"园区(?:内)?生活", r"園區(?:內)?生活",
            negative=(r"不(?:能|准|许|許|得|可以)(?:外出|出门|出門|离开|離開|回家)", r"不让(?:出门|离开|外出)",
                      r"不讓(?:出門|離開|外出)"),
            unless=(r"宠物", r"寵物", r"儿童", r"兒童", r"病人"),
        ),
        "labor.withheld_wages": terms(
            r"(?:" + "|".join(WAGES) + r") ~4 (?:年底|合同(?:期)?满|合同期滿|合同结束|合同結束|季末|完工后|完工後|回国时|回國時)",
            r"押(?:一个月|两个月|一個月|兩個月|\d个月|\d個月)?工[资資]", r"扣押工[资資]", r"压工[资資]", r"壓工資",
            near=(Near(WAGES, (r"扣押", r"压", r"壓", r"拖欠"), window=3),),
            unless=(r"奖金", r"獎金", r"提成", r"每月", r"月结", r"月結", r"按月"),
        ),
        "labor.wage_deductions": terms(near=(Near(LIVING_COSTS, (r"从工资扣", r"從工資扣", r"工资中扣除", r"工資中扣除",
                                                                 r"扣除", r"扣钱", r"扣錢"), window=4),)),
        "labor.excessive_hours": terms(
            r"每天(?:工作)?(?:1[4-9]|2[0-4]|十[四五六八])个?小[时時]", r"(?:1[4-9]|2[0-4])小[时時]工作制", r"全年无休",
            r"全年無休", r"一周七天", r"一週七天", r"每周7天", r"每週7天",
            negative=(r"没有休息日", r"沒有休息日", r"无休息日", r"無休息日", r"不休息"),
        ),
        "labor.vague_employer": terms(r"大公司", r"知名企[业業]", r"[详詳]情(?:加|私聊|咨询|諮詢)(?:微信|qq|vx)", r"私聊"),
        "labor.appearance_restrictions": terms(r"(?:女性|女生|女孩|美女)(?:年龄|年齡)?\d{2}[-至到]\d{2}[岁歲]",
                                               r"形象(?:气质|氣質)?(?:好|佳)", r"身材(?:好|高挑)", r"[颜顏]值高",
                                               r"限女性", r"只招女"),
        "labor.work_abroad": terms(
            r"(?:出国|出國)(?:打工|劳务|勞務|工作)", r"海外(?:工作|高薪|招聘)",
            r"(?:日本|韩国|韓國|澳洲|迪拜|欧洲|歐洲|美国|美國|加拿大|新加坡|柬埔寨|缅甸|緬甸|泰国|泰國|菲律宾|菲律賓|马来西亚|"
            r"馬來西亞)(?:工作|打工|高薪|招聘|务工|務工)",
        ),
        "labor.talent_lure": terms(r"私拍", r"(?:游艇|遊艇|私人)(?:派对|派對|聚会|聚會) ~3 (?:模特|美女)",
                                   r"陪(?:老板|老闆|客户|客戶)(?:出差|旅游|旅遊)"),
    },
)
# fmt: on
