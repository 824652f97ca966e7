"""Vietnamese wording for the indicator catalog (tone marks optional: "hộ chiếu" = "ho chieu")."""

from __future__ import annotations

from classifier.indicators.lexicon import Language, Near, terms

# fmt: off
DOCUMENTS = (r"hộ chiếu", r"giấy tờ", r"căn cước", r"cmnd", r"cccd", r"thẻ cư trú", r"giấy phép lao động", r"passport")
PHONES = (r"điện thoại", r"đt", r"đtdđ", r"smartphone")
WAGES = (r"lương", r"tiền công", r"tiền lương", r"thu nhập", r"tiền")
LIVING_COSTS = (r"tiền nhà", r"tiền ăn", r"ăn ở", r"chỗ ở", r"ký túc xá", r"xe đưa đón", r"đồng phục", r"đi lại",
                r"tiền phòng")

LANGUAGE = Language(
    code="vi",
    name="Vietnamese",
    negation=(r"không", r"chưa", r"chẳng", r"miễn", r"cảnh giác với"),
    post_negation=(r"miễn phí", r"không (?:thu|mất) phí", r"0 ?(?:đ|đồng|vnd)"),
    contrast=(r"nhưng", r"tuy nhiên", r"ngoại trừ"),
    markers=(r"va", r"cua", r"co", r"duoc", r"cho", r"voi", r"cac", r"nhung", r"nguoi", r"nay", r"tai", r"viec", r"lam", r"khong"),
    contexts={
        "adult": terms(
            r"gái gọi", r"gái bao", r"đi khách", r"bán dâm", r"mua dâm", r"massage (?:kích dục|nóng|kín|happy)",
            r"kích dục", r"sugar baby", r"tắm chung", r"phòng the", r"tàu nhanh",
        ),
        "job": terms(
            r"việc làm", r"tuyển dụng", r"tuyển", r"lương", r"công việc", r"lao động", r"người lao động", r"công nhân",
            r"nhân viên", r"thu nhập", r"hợp đồng", r"phục vụ", r"giúp việc", r"tiếp viên", r"người mẫu", r"xklđ",
        ),
        "massage": terms(r"mát xa", r"xoa bóp", r"gội đầu", r"tẩm quất"),
        "abroad": terms(
            r"nước ngoài", r"xuất khẩu lao động", r"xklđ", r"nhật bản", r"hàn quốc", r"đài loan", r"đức", r"ba lan",
            r"anh quốc", r"hoa kỳ", r"trung quốc", r"malaysia", r"campuchia", r"châu âu", r"rumani", r"không cần kinh nghiệm",
        ),
        "talent": terms(r"người mẫu", r"casting", r"chụp ảnh", r"mẫu ảnh", r"hot ?girl", r"tiếp viên", r"vũ công"),
    },
    mitigators={
        "awareness_or_news": terms(
            r"mua bán người", r"buôn bán người", r"nạn nhân", r"lao động cưỡng bức", r"nô lệ", r"cảnh giác", r"dấu hiệu",
            r"đường dây nóng", r"công an", r"bị bắt", r"khởi tố", r"xét xử", r"tòa án", r"giải cứu", r"phòng chống",
            r"lừa đảo",
        ),
        "licensed_professional": terms(r"vật lý trị liệu", r"chứng chỉ", r"bác sĩ", r"phòng khám", r"y tế", r"trị liệu"),
        "transparent_employer": terms(r"hợp đồng lao động", r"bảo hiểm xã hội", r"bhxh", r"không thu phí",
                                      r"miễn phí tuyển dụng"),
    },
    indicators={
        "sex.third_person": terms(r"các em (?:gái|xinh|đều)", r"em ấy (?:là|có|rất)"),
        "sex.movement": terms(r"mới về (?:thành phố|hà nội|sài gòn|đà nẵng)", r"chỉ ở vài ngày"),
        "sex.multiple_workers": terms(r"nhiều em", r"em mới (?:về|hàng tuần|mỗi ngày)", r"hàng mới (?:về|mỗi tuần)"),
        "sex.third_party_control": terms(r"(?:quản lý|má mì|chủ) ~2 (?:sắp xếp|thu tiền|nhận khách)", r"liên hệ quản lý",
                                         r"má mì"),
        "sex.price_codes": terms(r"\d+ ?k ?(?:/|một) ?(?:giờ|h|tiếng|lượt)", r"\d+ ?(?:k|triệu|tr) ?(?:/|một) ?(?:đêm|shot|lượt)"),
        "sex.trust_language": terms(r"ảnh thật", r"hình thật 100 ?%"),
        "sex.adult_service_terms": terms(r"gái gọi", r"gái bao", r"đi khách", r"bán dâm", r"kích dục", r"massage (?:kích dục|nóng|kín)"),
        "sex.parlour_cues/strong": terms(r"kích dục", r"happy ending", r"tắm chung", r"massage (?:body|nóng|kín)",
                                         r"full (?:dịch vụ|service)"),
        "sex.parlour_cues/staff": terms(r"(?:nhân viên|ktv|em) (?:trẻ|xinh|mới|trẻ đẹp)"),
        "sex.parlour_cues/clientele": terms(r"chỉ (?:dành cho|phục vụ) nam"),
        "sex.parlour_cues/rooms": terms(r"phòng (?:vip|riêng)", r"bồn tắm", r"xông hơi"),
        "sex.parlour_cues/hours": terms(r"24/24", r"đến (?:khuya|nửa đêm|2 giờ sáng)"),
        "sex.parlour_cues/cash": terms(r"chỉ nhận tiền mặt"),
        "sex.parlour_cues/discreet": terms(r"kín đáo", r"bảo mật"),
        "sex.coded_payment": terms(r"bao nuôi", r"sugar (?:daddy|baby)", r"người chu cấp", r"trợ cấp hàng tháng"),
        "minor.youth_language": terms(r"học sinh", r"vị thành niên", r"mới lớn", r"còn trinh", r"gái tân",
                                      r"em gái nhỏ", r"chưa đủ 18"),
        "minor.school_family": terms(r"học sinh", r"cấp (?:3|ba|2|hai)", r"đồng phục học sinh", r"sau giờ học"),
        "minor.stated_age_under_18": terms(r"(?:các em|gái|học sinh) (?:từ )?1[0-7] ?(?:-|đến) ?1[0-7] tuổi"),
        "general.off_platform_contact": terms(r"(?:chỉ|liên hệ) (?:qua )?(?:zalo|telegram|whatsapp|viber)",
                                              r"(?:ib|inbox) zalo"),
        "general.urgency_pressure": terms(r"cần gấp", r"tuyển gấp", r"số lượng có hạn", r"xuất cảnh (?:ngay|trong \d+ ngày)",
                                          r"bay ngay"),
        "general.phone_confiscation": terms(
            near=(Near(PHONES, (r"thu giữ", r"giữ", r"tịch thu", r"nộp lại", r"cất giữ", r"thu lại", r"thu hết"),
                       window=4),),
            negative=(r"không được (?:dùng|cầm|giữ|sử dụng) điện thoại",),
            unless=(r"tủ đồ", r"trong ca", r"màn hình", r"ốp lưng", r"sạc", r"bán"),
        ),
        "labor.too_good_pay": terms(
            r"lương (?:cao|khủng|hấp dẫn)", r"thu nhập (?:cao|khủng|từ \d)", r"\d{2,3} ?(?:triệu|tr) ?(?:/|một|mỗi) ?tháng",
            r"\d{1,2}[.,]?\d{3} ?(?:usd|\$|đô) ?(?:/|một|mỗi) ?tháng", r"việc nhẹ lương cao",
        ),
        "labor.no_experience": terms(negative=(r"không cần kinh nghiệm", r"không yêu cầu kinh nghiệm",
                                               r"không cần biết tiếng")),
        "labor.irregular_status": terms(
            r"visa du lịch", r"trả tiền mặt hàng ngày", r"làm chui", r"bất hợp pháp",
            negative=(r"không cần giấy tờ", r"không cần visa lao động", r"không cần hộ chiếu"),
        ),
        "labor.recruitment_fees_debt": terms(
            r"phí (?:môi giới|tuyển dụng|xuất cảnh|đào tạo|đăng ký|hồ sơ|dịch vụ)", r"(?:đóng|nộp) (?:tiền|phí) (?:đặt cọc|trước)",
            r"tiền đặt cọc", r"khoản nợ", r"trả nợ",
            r"(?:vé máy bay|visa|chi phí) ~3 (?:trừ vào lương|trừ lương|trả dần)",
            near=(Near((r"khoản nợ", r"tiền vay", r"ứng trước", r"vay"), (r"trừ vào lương", r"trừ lương", r"trả dần",
                                                                       r"làm trả", r"làm để trả"), window=5),),
            unless=(r"công ty chịu", r"chủ chịu", r"tiền nhà", r"thuê nhà"),
        ),
        "labor.travel_arranged": terms(
            r"(?:vé máy bay|visa|chỗ ở) (?:và|,) (?:visa|vé máy bay|chỗ ở|ăn ở)", r"lo (?:trọn gói|hết|toàn bộ)",
            r"bao (?:ăn ở|vé máy bay|visa)", r"đón (?:tại|ở) sân bay",
        ),
        "labor.document_retention": terms(
            r"(?:công ty|chủ|chủ sử dụng|môi giới|quản lý) ~2 (?:giữ|thu giữ|cất giữ|tịch thu) ~2 (?:" + "|".join(DOCUMENTS) + ")",
            near=(Near(DOCUMENTS, (r"giữ", r"thu giữ", r"tịch thu", r"cất giữ", r"bị giữ", r"giao nộp", r"nộp cho (?:công ty|chủ)"),
                       window=4),),
            unless=(r"bản sao", r"photo", r"còn hạn", r"gia hạn", r"đại sứ quán", r"lãnh sự", r"làm visa",
                    r"làm thị thực", r"mang theo", r"bị mất", r"tìm thấy"),
        ),
        "labor.confinement": terms(
            r"nhốt", r"khóa cửa", r"có người (?:đi kèm|canh giữ|canh gác)", r"cấm ra ngoài", r"cấm rời",
            near=(Near((r"ra ngoài", r"đi chợ", r"mua sắm"), (r"phải có người đi kèm", r"có người canh"), window=3),),
            negative=(r"không được (?:ra ngoài|ra khỏi|rời khỏi|đi ra ngoài|về nhà|tự do đi lại)",),
            unless=(r"thú cưng", r"trẻ em", r"bệnh nhân"),
        ),
        "labor.withheld_wages": terms(
            r"(?:" + "|".join(WAGES) + r") ~4 (?:cuối|hết|kết thúc) (?:mùa|hợp đồng|vụ|chuyến đi|năm)",
            r"(?:giữ|giam|nợ) lương", r"trả lương (?:sau|cuối) (?:mùa|hợp đồng|vụ)",
            unless=(r"thưởng", r"hàng tháng", r"hàng tuần"),
        ),
        "labor.wage_deductions": terms(
            near=(Near(LIVING_COSTS, (r"trừ vào lương", r"trừ lương", r"khấu trừ", r"trừ tiền"), window=4),),
        ),
        "labor.excessive_hours": terms(
            r"(?:7|bảy) ngày (?:một|/) tuần", r"làm (?:1[4-9]|2[0-4]) (?:tiếng|giờ)", r"(?:1[4-9]|2[0-4]) (?:tiếng|giờ) (?:một|mỗi) ngày",
            negative=(r"không có ngày nghỉ", r"không được nghỉ"),
        ),
        "labor.vague_employer": terms(r"công ty (?:lớn|uy tín|nước ngoài)", r"chi tiết (?:inbox|ib|zalo|nhắn tin)"),
        "labor.appearance_restrictions": terms(
            r"(?:nữ|gái|cô gái|chị em) (?:từ )?\d{2} ?(?:-|đến) ?\d{2} tuổi", r"ngoại hình (?:đẹp|xinh|ưa nhìn)",
            r"(?:gái|nữ) xinh", r"chỉ tuyển nữ",
        ),
        "labor.work_abroad": terms(
            r"(?:làm việc|việc làm|xuất khẩu lao động|xklđ) (?:tại |ở )?(?:nhật bản|hàn quốc|đài loan|đức|ba lan|trung quốc|"
            r"malaysia|nước ngoài|châu âu|rumani|nga|anh quốc|hoa kỳ|campuchia)",
            r"xuất khẩu lao động", r"xklđ",
        ),
        "labor.talent_lure": terms(
            r"(?:chụp ảnh|chụp hình) (?:riêng|private) ~4 tiền mặt",
            r"(?:tiệc|du thuyền|chuyến đi) (?:vip|riêng) ~3 (?:người mẫu|em|tiếp viên)",
        ),
    },
)
# fmt: on
