#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The special functions behind the drift p-values, written out so they need no dependency.
///
/// Each one is checked against scipy 1.17 to a relative error of 1e-9 (`Tests/DriftTests/Fixtures`).
public enum SpecialFunctions {
    /// The natural logarithm of the gamma function, ln Γ(x), for x > 0 (`scipy.special.gammaln`).
    ///
    /// Lanczos approximation (g = 607/128, 15 coefficients, Godfrey's set), relative error ≈ 1e-15 away from the
    /// zeros at 1 and 2, where the absolute error is of the same order.
    public static func logGamma(_ x: Double) -> Double {
        precondition(x > 0, "logGamma is defined here for positive arguments only")
        if x < 0.5 {
            // Reflection: Γ(x) Γ(1 - x) = π / sin(π x).
            return log(Double.pi / sin(Double.pi * x)) - logGamma(1 - x)
        }
        let z = x - 1
        var sum = lanczosCoefficients[0]
        for i in 1..<lanczosCoefficients.count {
            sum += lanczosCoefficients[i] / (z + Double(i))
        }
        let t = z + lanczosG + 0.5
        return halfLogTwoPi + (z + 0.5) * log(t) - t + log(sum)
    }

    /// The regularised upper incomplete gamma function Q(a, x) = Γ(a, x) / Γ(a) for a > 0, x ≥ 0
    /// (`scipy.special.gammaincc`); the chi-square survival function is Q(k / 2, x / 2).
    ///
    /// Power series for P = 1 - Q when x < a + 1, Legendre's continued fraction (modified Lentz) otherwise, so the
    /// returned tail keeps its relative precision down to the smallest doubles.
    public static func regularizedGammaQ(_ a: Double, _ x: Double) -> Double {
        precondition(a > 0 && x >= 0, "regularizedGammaQ needs a > 0 and x >= 0")
        if x == 0 { return 1 }
        let logPrefactor = a * log(x) - x - logGamma(a)
        if x < a + 1 {
            // P(a, x) = x^a e^-x / Γ(a + 1) · Σ x^k / ((a + 1)…(a + k)).
            var term = 1 / a
            var sum = term
            var denominator = a
            for _ in 0..<100_000 {
                denominator += 1
                term *= x / denominator
                sum += term
                if abs(term) < abs(sum) * Double.ulpOfOne { break }
            }
            return max(0, 1 - sum * exp(logPrefactor))
        }
        // Q(a, x) = x^a e^-x / Γ(a) · 1 / (x + 1 - a - 1·(1 - a) / (x + 3 - a - 2·(2 - a) / (x + 5 - a - …))).
        let tiny = Double.leastNormalMagnitude / Double.ulpOfOne
        var b = x + 1 - a
        var c = 1 / tiny
        var d = 1 / b
        var fraction = d
        for i in 1...100_000 {
            let an = -Double(i) * (Double(i) - a)
            b += 2
            d = an * d + b
            if abs(d) < tiny { d = tiny }
            c = b + an / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            let delta = d * c
            fraction *= delta
            if abs(delta - 1) < Double.ulpOfOne { break }
        }
        return exp(logPrefactor) * fraction
    }

    /// The survival function of the two-sided one-sample Kolmogorov–Smirnov statistic D_n for a sample of n,
    /// Pr(D_n > x) — scipy's `kstwo.sf(x, n)`, which `ks_2samp` evaluates at n = round(n₁n₂ / (n₁ + n₂)) in its
    /// asymptotic mode.
    ///
    /// Follows scipy's `_kolmogn` (Simard & L'Ecuyer 2011) branch by branch: Ruben–Gambino closed forms at the
    /// ends, 2 × the exact one-sided Smirnov tail for large deviations, the Durbin matrix (Marsaglia–Tsang–Wang)
    /// for small n·x², Pelz–Good otherwise. Where scipy uses Pomeranz's recursion (n ≤ 140, 0.754693 < n·x² ≤ 4)
    /// this uses the Durbin matrix, which is exact as well.
    public static func kolmogorovSmirnovSurvival(n: Int, x: Double) -> Double {
        precondition(n >= 1, "kolmogorovSmirnovSurvival needs n >= 1")
        if x >= 1 { return 0 }
        if x <= 0 { return 1 }
        let nn = Double(n)
        let t = nn * x
        if t <= 1 {
            if t <= 0.5 { return 1 }
            let cdf: Double
            if n <= 140 {
                var product = 1.0
                for i in 1...n { product *= Double(i) * (1 / nn) * (2 * t - 1) }
                cdf = product
            } else {
                cdf = exp(logFactorialOverPower(n) + nn * log(2 * t - 1))
            }
            return clamp(1 - cdf)
        }
        if t >= nn - 1 { return clamp(2 * pow(1 - x, nn)) }
        if x >= 0.5 { return clamp(2 * smirnovSurvival(n: n, x: x)) }
        let nxSquared = t * x
        if n <= 140 {
            if nxSquared <= 4 { return clamp(1 - durbinMatrixCDF(n: n, x: x)) }
            return clamp(2 * smirnovSurvival(n: n, x: x))
        }
        if nxSquared >= 370 { return 0 }
        if nxSquared >= 2.2 { return clamp(2 * smirnovSurvival(n: n, x: x)) }
        let cdf: Double
        if n <= 100_000 && nn * pow(x, 1.5) <= 1.4 {
            cdf = durbinMatrixCDF(n: n, x: x)
        } else {
            cdf = pelzGoodCDF(n: n, x: x)
        }
        return clamp(1 - cdf)
    }

    /// The survival function of the one-sided Kolmogorov–Smirnov statistic, Pr(D⁺_n ≥ x)
    /// (`scipy.special.smirnov(n, x)`), by the Birnbaum–Tingey sum
    /// x · Σ_{v=0}^{⌊n(1-x)⌋} C(n, v) (x + v/n)^(v-1) (1 - x - v/n)^(n-v), every term in logarithms.
    public static func smirnovSurvival(n: Int, x: Double) -> Double {
        precondition(n >= 1, "smirnovSurvival needs n >= 1")
        if x <= 0 { return 1 }
        if x >= 1 { return 0 }
        if n == 1 { return 1 - x }
        let nn = Double(n)
        // n·x exactly, as hi + lo.
        let nxHigh = nn * x
        let nxLow = fmaRemainder(nn, x, nxHigh)
        if nxHigh + nxLow <= 1 {
            // Closed form for x <= 1/n: 1 - x (1 + x)^(n-1).
            return clamp(1 - x * pow(1 + x, nn - 1))
        }
        if -2 * nn * x * x < minimumLog { return 0 }
        if nxHigh + nxLow >= nn - 1 { return clamp(pow(1 - x, nn)) }
        if n > 1_000_000 {
            // Miller's approximation, as scipy uses above a million.
            let logP = -pow(6 * nn * x + 1, 2) / 18 / nn
            return logP < -log(2.0) ? exp(logP) : 1 + expm1(logP)
        }
        let logFactorialN = logGamma(nn + 1)
        var sum = 0.0
        var v = 0
        while true {
            // 1 - x - v/n = ((n - v) - n x) / n and x + v/n = (n x + v) / n, with n x kept exact.
            let rest = ((Double(n - v) - nxHigh) - nxLow) / nn
            if rest <= 0 { break }
            let term: Double
            if v == 0 {
                term = exp(nn * log1p(-x)) / x
            } else {
                let reach = ((nxHigh + Double(v)) + nxLow) / nn
                let logBinomial = logFactorialN - logGamma(Double(v) + 1) - logGamma(Double(n - v) + 1)
                term = exp(logBinomial + Double(v - 1) * log(reach) + Double(n - v) * log(rest))
            }
            sum += term
            // scipy's stopping rule: the n - v terms left, each no larger than this one, cannot change the sum.
            if v > 0 && 4 * Double(n - v) * term < Double.ulpOfOne * sum { break }
            v += 1
        }
        return clamp(x * sum)
    }

    // MARK: - Pieces of the Kolmogorov–Smirnov distribution

    /// ln(n! / nⁿ) by Stirling's series with n ln n removed up front (scipy's `_log_nfactorial_div_n_pow_n`).
    static func logFactorialOverPower(_ n: Int) -> Double {
        let nn = Double(n)
        let rn = 1 / nn
        var series = 0.0
        for coefficient in stirlingCoefficients { series = series * (rn / nn) + coefficient }
        return log(nn) / 2 - nn + log(2 * Double.pi) / 2 + rn * series
    }

    /// Pr(D_n ≤ x) by the Durbin matrix: the (k, k) entry of (n! / nⁿ) Hⁿ for the (2k - 1)-square matrix H, k = ⌈n x⌉,
    /// with the running scale kept as a power of two (Marsaglia, Tsang & Wang 2003; scipy's `_kolmogn_DMTW`).
    static func durbinMatrixCDF(n: Int, x: Double) -> Double {
        if x >= 1 { return 1 }
        let nx = Double(n) * x
        if nx <= 0.5 { return 0 }
        let k = Int(nx.rounded(.up))
        let h = Double(k) - nx
        let m = 2 * k - 1
        var v = [Double](repeating: 0, count: m)
        var w = [Double](repeating: 0, count: m)
        var factorial = 1.0
        for j in 1...m {
            w[j - 1] = factorial
            factorial /= Double(j)
            v[j - 1] = (1 - pow(h, Double(j))) * factorial
        }
        let tt = pow(max(2 * h - 1, 0), Double(m)) - 2 * pow(h, Double(m))
        v[m - 1] = (1 + tt) * factorial
        var matrix = SquareMatrix(size: m)
        for i in 1..<m {
            for row in (i - 1)..<m { matrix[row, i] = w[row - i + 1] }
        }
        for row in 0..<m { matrix[row, 0] = v[row] }
        for column in 0..<m { matrix[m - 1, column] = v[m - 1 - column] }

        var power = SquareMatrix.identity(size: m)
        var exponent = 0
        var matrixExponent = 0
        var remaining = n
        while remaining > 0 {
            if remaining % 2 == 1 {
                power = power * matrix
                exponent += matrixExponent
            }
            matrix = matrix * matrix
            matrixExponent *= 2
            if abs(matrix[k - 1, k - 1]) > scaleUp {
                matrix.scale(by: scaleDown)
                matrixExponent += scaleExponent
            }
            remaining /= 2
        }
        var p = power[k - 1, k - 1]
        for i in 1...n {
            p = Double(i) * p / Double(n)
            if abs(p) < scaleDown {
                p *= scaleUp
                exponent -= scaleExponent
            }
        }
        if exponent != 0 { p = scalbn(p, exponent) }
        return clamp(p)
    }

    /// Pr(D_n ≤ x) by the Pelz–Good asymptotic series to order n^(-3/2) (scipy's `_kolmogn_PelzGood`).
    static func pelzGoodCDF(n: Int, x: Double) -> Double {
        if x <= 0 { return 0 }
        if x >= 1 { return 1 }
        let z = Double(n).squareRoot() * x
        let z2 = z * z
        let z4 = z2 * z2
        let z6 = z4 * z2
        let piSquared = Double.pi * Double.pi
        let piFour = piSquared * piSquared
        let piSix = piFour * piSquared
        let qLog = -piSquared / 8 / z2
        if qLog < -708 { return 0 }
        var q = exp(qLog)

        let k1a = -z2
        let k1b = piSquared / 4
        let k2a = 6 * z6 + 2 * z4
        let k2b = (2 * z4 - 5 * z2) * piSquared / 4
        let k2c = piFour * (1 - 2 * z2) / 16
        let k3d = piSix * (5 - 30 * z2) / 64
        let k3c = piFour * (-60 * z2 + 212 * z4) / 16
        let k3b = piSquared * (135 * z4 - 96 * z6) / 4
        let k3a = -30 * z6 - 90 * pow(z, 8)

        var terms = (0.0, 0.0, 0.0, 0.0)
        let maxK = Int((16 * z / Double.pi).rounded(.up))
        if maxK >= 1 {
            for k in stride(from: maxK, through: 1, by: -1) {
                let m = Double(2 * k - 1)
                let m2 = m * m
                let m4 = m2 * m2
                let m6 = m4 * m2
                let qPower = pow(q, Double(8 * k))
                terms.0 = terms.0 * qPower + 1
                terms.1 = terms.1 * qPower + (k1a + k1b * m2)
                terms.2 = terms.2 * qPower + (k2a + k2b * m2 + k2c * m4)
                terms.3 = terms.3 * qPower + (k3a + k3b * m2 + k3c * m4 + k3d * m6)
            }
        }
        let root2Pi = (2 * Double.pi).squareRoot()
        terms.0 *= q * root2Pi / z
        terms.1 *= q * root2Pi / (6 * z4)
        terms.2 *= q * root2Pi / (72 * pow(z, 7))
        terms.3 *= q * root2Pi / (6480 * pow(z, 10))

        q = exp(-piSquared / 2 / z2)
        var k2Extra = 0.0
        var k3Extra = 0.0
        let sqrt3z = 3.0.squareRoot() * z
        if maxK >= 1 {
            for k in stride(from: maxK, through: 1, by: -1) {
                let kk = Double(k)
                let qPower = pow(q, kk * kk)
                k2Extra += kk * kk * qPower
                k3Extra += (sqrt3z + Double.pi * kk) * (sqrt3z - Double.pi * kk) * kk * kk * qPower
            }
        }
        terms.2 += k2Extra * piSquared * root2Pi / (-36 * z2 * z)
        terms.3 += k3Extra * piSquared * root2Pi / (216 * z6)
        let nn = Double(n)
        return terms.0 + terms.1 / nn.squareRoot() + terms.2 / nn + terms.3 / (nn * nn.squareRoot())
    }

    // MARK: - Constants

    private static let lanczosG = 607.0 / 128.0
    private static let lanczosCoefficients: [Double] = [
        0.99999999999999709182, 57.156235665862923517, -59.597960355475491248, 14.136097974741747174,
        -0.49191381609762019978, 0.33994649984811888699e-4, 0.46523628927048575665e-4, -0.98374475304879564677e-4,
        0.15808870322491248884e-3, -0.21026444172410488319e-3, 0.21743961811521264320e-3, -0.16431810653676389022e-3,
        0.84418223983852743293e-4, -0.26190838401581408670e-4, 0.36899182659531622704e-5,
    ]
    private static let halfLogTwoPi = 0.91893853320467274178
    /// B₂ⱼ / (2j (2j - 1)) for j = 8…1 (scipy's `_STIRLING_COEFFS`), highest power first.
    private static let stirlingCoefficients: [Double] = [
        -2.955065359477124183e-2, 6.4102564102564102564e-3, -1.9175269175269175269e-3, 8.4175084175084175084e-4,
        -5.952380952380952381e-4, 7.9365079365079365079e-4, -2.7777777777777777778e-3, 8.3333333333333333333e-2,
    ]
    /// ln of the smallest normal double (cephes `MINLOG`).
    private static let minimumLog = -7.08396418532264106224e2
    private static let scaleExponent = 128
    private static let scaleUp = scalbn(1.0, 128)
    private static let scaleDown = scalbn(1.0, -128)

    private static func clamp(_ p: Double) -> Double { min(max(p, 0), 1) }

    /// The rounding error of `a * b` given its rounded value `product`, so that a·b = product + result exactly.
    private static func fmaRemainder(_ a: Double, _ b: Double, _ product: Double) -> Double {
        (-product).addingProduct(a, b)
    }
}

/// A dense square matrix of doubles in row-major order, just enough for the Durbin matrix power.
private struct SquareMatrix {
    let size: Int
    var storage: [Double]

    init(size: Int) {
        self.size = size
        storage = [Double](repeating: 0, count: size * size)
    }

    static func identity(size: Int) -> SquareMatrix {
        var matrix = SquareMatrix(size: size)
        for i in 0..<size { matrix[i, i] = 1 }
        return matrix
    }

    subscript(row: Int, column: Int) -> Double {
        get { storage[row * size + column] }
        set { storage[row * size + column] = newValue }
    }

    mutating func scale(by factor: Double) {
        for i in storage.indices { storage[i] *= factor }
    }

    static func * (lhs: SquareMatrix, rhs: SquareMatrix) -> SquareMatrix {
        let n = lhs.size
        var result = SquareMatrix(size: n)
        lhs.storage.withUnsafeBufferPointer { a in
            rhs.storage.withUnsafeBufferPointer { b in
                result.storage.withUnsafeMutableBufferPointer { c in
                    for i in 0..<n {
                        for k in 0..<n {
                            let aik = a[i * n + k]
                            if aik == 0 { continue }
                            for j in 0..<n { c[i * n + j] += aik * b[k * n + j] }
                        }
                    }
                }
            }
        }
        return result
    }
}
